#!/bin/sh
# Side-by-side benchmark of nanoGPT's baby GPT (4 layers, 4 heads, 128-d,
# block 64, batch 12, AdamW 1e-3) on tinyshakespeare: Lingo as a default
# install builds it against PyTorch 1.13 (Debian python3-torch), in the
# same run, rounds interleaved.
#
#   nlp/nn/internal/babygpt/bench.sh [ROUNDS] [STEPS]
#
# Systems (SYSTEMS, default "torch lingo"):
#   torch         PyTorch 1.13 (peer_torch.py beside this script)
#   torch-blas    the same with one intra-op thread and THREADS threads in
#                 its BLAS (Debian's PyTorch calls the system OpenBLAS): at 2
#                 threads on 2 cores this is PyTorch's faster setting, since
#                 2 intra-op threads each calling a 2-thread OpenBLAS
#                 oversubscribe the cores
#   lingo         Lingo built as the kernel builds cells: GOEXPERIMENT=simd on
#                 Go 1.26 amd64 (kernel/engine/speed.go), OpenBLAS found at run time
#   lingo-scalar  the same without GOEXPERIMENT=simd
#   lingo-purego  the lingo binary with LINGO_BLAS=go (no C BLAS)
# THREADS (default "1 2") are the thread counts to compare at; both sides
# get the same (torch.set_num_threads and OPENBLAS_NUM_THREADS for PyTorch,
# -threads for Lingo). Each run trains STEPS steps (default 150) and prints
# the median wall and CPU (user + system) time of its training steps,
# evaluation excluded; the table gives the median over ROUNDS rounds
# (default 5) and the ratio to PyTorch at the same thread count (its faster
# setting of the two, by wall time). On a shared machine CPU time is the
# steadier figure.
#
# CURVE=1 instead trains 2000 steps once per system at 1 thread and prints
# the validation loss every 250 steps side by side (and over 200 batches
# at the end).
#
# DATA is the text (default ../shared/data/tinyshakespeare.txt beside the
# repository). Needs go, /usr/bin/python3 with python3-torch. Logs: $OUT.
set -eu
ROUNDS=${1:-5}
STEPS=${2:-150}
THREADS=${THREADS:-"1 2"}
SYSTEMS=${SYSTEMS:-"torch torch-blas lingo"}
OUT=${OUT:-/tmp/lingo-babygpt}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
DATA=${DATA:-$ROOT/../shared/data/tinyshakespeare.txt}
[ -f "$DATA" ] || { echo "bench.sh: no text at $DATA (set DATA)" >&2; exit 1; }
mkdir -p "$OUT"
cd "$ROOT"

exp=
case "$(go env GOVERSION)/$(go env GOARCH)" in
go1.26*/amd64) exp=simd ;;
esac
GOEXPERIMENT=$exp go build -o "$OUT/lingo" ./nlp/nn/internal/babygpt/cmd/babygpt
go build -o "$OUT/lingo-scalar" ./nlp/nn/internal/babygpt/cmd/babygpt

run() { # run SYSTEM THREADS STEPS [EXTRA…]: the program's output on stdout
	s=$1 t=$2 n=$3
	shift 3
	case $s in
	torch) OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t /usr/bin/python3 "$HERE/peer_torch.py" -data "$DATA" -steps "$n" -threads "$t" "$@" ;;
	torch-blas) OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=$t /usr/bin/python3 "$HERE/peer_torch.py" -data "$DATA" -steps "$n" -threads 1 "$@" ;;
	lingo) "$OUT/lingo" -data "$DATA" -steps "$n" -threads "$t" "$@" ;;
	lingo-scalar) "$OUT/lingo-scalar" -data "$DATA" -steps "$n" -threads "$t" "$@" ;;
	lingo-purego) LINGO_BLAS=go "$OUT/lingo" -data "$DATA" -steps "$n" -threads "$t" "$@" ;;
	esac
}

if [ "${CURVE:-0}" = 1 ]; then
	# at 1 thread torch-blas is torch
	SYSTEMS=$(echo $SYSTEMS | tr ' ' '\n' | grep -vx torch-blas | tr '\n' ' ')
	for s in $SYSTEMS; do
		run "$s" 1 2000 -final-eval-iters 200 >"$OUT/curve.$s.log"
	done
	echo "validation loss (20 batches; final: 200 batches), 1 thread, 2000 steps"
	printf '%-6s' step
	for s in $SYSTEMS; do printf ' %12s' "$s"; done
	echo
	for it in 0 250 500 750 1000 1250 1500 1750 1999 final; do
		printf '%-6s' "$it"
		for s in $SYSTEMS; do
			if [ $it = final ]; then
				v=$(sed -n 's/^final val \([0-9.]*\).*/\1/p' "$OUT/curve.$s.log")
			else
				v=$(awk -v it="$it" '$1 == "iter" && $2 == it {print $6}' "$OUT/curve.$s.log")
			fi
			printf ' %12s' "${v:--}"
		done
		echo
	done
	exit 0
fi

rm -f "$OUT"/*.times
r=1
while [ "$r" -le "$ROUNDS" ]; do
	for t in $THREADS; do
		for s in $SYSTEMS; do
			run "$s" "$t" "$STEPS" -eval-every 100000 >"$OUT/$s.$t.log"
			sed -n 's/^step ms: wall median \([0-9.]*\) cpu median \([0-9.]*\).*/\1 \2/p' "$OUT/$s.$t.log" >>"$OUT/$s.$t.times"
		done
	done
	r=$((r + 1))
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "baby GPT, ms per training step, median of $ROUNDS interleaved rounds of $STEPS steps (in-run medians)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
printf '%-14s %7s %9s %9s %10s %10s\n' system threads "wall ms" "cpu ms" "wall/torch" "cpu/torch"
for t in $THREADS; do
	tw= tc=
	for s in $SYSTEMS; do # the reference: PyTorch's faster setting
		case $s in torch*) ;; *) continue ;; esac
		w=$(cut -d' ' -f1 "$OUT/$s.$t.times" | median)
		c=$(cut -d' ' -f2 "$OUT/$s.$t.times" | median)
		if [ -z "$tw" ] || [ "$(echo "$w $tw" | awk '{print ($1 < $2)}')" = 1 ]; then tw=$w tc=$c; fi
	done
	for s in $SYSTEMS; do
		w=$(cut -d' ' -f1 "$OUT/$s.$t.times" | median)
		c=$(cut -d' ' -f2 "$OUT/$s.$t.times" | median)
		rw=- rc=-
		if [ -n "$tw" ]; then
			rw=$(echo "$w $tw" | awk '{printf "%.2f", $1/$2}')
			rc=$(echo "$c $tc" | awk '{printf "%.2f", $1/$2}')
		fi
		printf '%-14s %7s %9.1f %9.1f %10s %10s\n' "$s" "$t" "$w" "$c" "$rw" "$rc"
	done
done
for s in $SYSTEMS; do
	case $s in torch*) continue ;; esac
	log=$OUT/$s.${THREADS%% *}.log
	printf '%-14s %s; %s\n' "$s" "$(sed -n 's/^params.*blas //p' "$log" | head -1 | cut -c1-60)" "$(grep -h 'allocs/step' "$log")"
done
