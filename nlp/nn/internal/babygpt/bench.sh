#!/bin/sh
# Side-by-side benchmark of nanoGPT's baby GPT (4 layers, 4 heads, 128-d,
# block 64, batch 12, AdamW 1e-3) on ../shared/data/tinyshakespeare.txt,
# all at one thread, in the same run:
#
#   torch         PyTorch 1.13 (../shared/peers/babygpt_torch.py)
#   openblas      Lingo, -tags openblas (cblas_sgemm through cgo)
#   openblas+simd Lingo, -tags openblas and GOEXPERIMENT=simd (AVX-512 kernels for exp/tanh/GELU)
#   simd          Lingo, pure Go, GOEXPERIMENT=simd (AVX-512 Sgemm in Go)
#   gonum         Lingo, pure Go, default build (gonum's Sgemm)
#
#   nlp/nn/internal/babygpt/bench.sh [ROUNDS] [N1 N2] [GO_N1 GO_N2]
#
# Each system runs N1 and N2 steps (default 20 and 220, so both runs
# evaluate the same number of times); the time per step is the difference
# of the two runs over N2 − N1, which cancels start-up (Python import, data
# encoding). Wall-clock and CPU time (user+sys, /usr/bin/time) are both
# reported; on a busy shared machine CPU time is the steadier figure. The
# slow gonum build runs GO_N1/GO_N2 steps (default 5/25). Systems are
# interleaved, ROUNDS times (default 3), and medians reported. Logs: $OUT.
set -eu
ROUNDS=${1:-3}
N1=${2:-20}
N2=${3:-220}
G1=${4:-5}
G2=${5:-25}
OUT=${OUT:-/tmp/lingo-babygpt}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$ROOT"
mkdir -p "$OUT"
CMD=./nlp/nn/internal/babygpt/cmd/babygpt
go build -tags openblas -o "$OUT/lingo-openblas" $CMD
GOEXPERIMENT=simd go build -tags openblas -o "$OUT/lingo-openblas+simd" $CMD
GOEXPERIMENT=simd go build -o "$OUT/lingo-simd" $CMD
go build -o "$OUT/lingo-gonum" $CMD
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
DATA=../shared/data/tinyshakespeare.txt
SYSTEMS="torch openblas openblas+simd simd gonum"

run() { # run SYSTEM STEPS: appends "wall cpu" to $OUT/SYSTEM.STEPS.times
	if [ "$1" = torch ]; then
		set -- "$1" "$2" /usr/bin/python3 ../shared/peers/babygpt_torch.py "$2"
	else
		set -- "$1" "$2" "$OUT/lingo-$1" -steps "$2" -threads 1 -data "$DATA"
	fi
	name=$1 steps=$2
	shift 2
	/usr/bin/time -f "%e %U %S" -o "$OUT/t" "$@" >"$OUT/$name.$steps.log" 2>&1
	awk '{print $1, $2 + $3}' "$OUT/t" >>"$OUT/$name.$steps.times"
}
steps() { if [ "$1" = gonum ]; then echo "$G1 $G2"; else echo "$N1 $N2"; fi; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rm -f "$OUT"/*.times
r=1
while [ "$r" -le "$ROUNDS" ]; do
	for s in $SYSTEMS; do
		set -- $(steps $s)
		run $s "$1"
		run $s "$2"
	done
	r=$((r + 1))
done

echo "baby GPT, 1 thread, median of $ROUNDS interleaved rounds, ms per training step"
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-15s %8s %8s %9s %9s\n' system wall cpu "wall/torch" "cpu/torch"
for s in $SYSTEMS; do
	set -- $(steps $s)
	paste "$OUT/$s.$1.times" "$OUT/$s.$2.times" | awk -v d=$(($2 - $1)) '{print ($3-$1)*1000/d, ($4-$2)*1000/d}' >"$OUT/$s.perstep"
	w=$(cut -d' ' -f1 "$OUT/$s.perstep" | median)
	c=$(cut -d' ' -f2 "$OUT/$s.perstep" | median)
	if [ $s = torch ]; then tw=$w tc=$c; fi
	printf '%-15s %8.1f %8.1f %9.2f %9.2f\n' "$s" "$w" "$c" "$(echo "$w $tw" | awk '{print $1/$2}')" "$(echo "$c $tc" | awk '{print $1/$2}')"
done
for s in openblas openblas+simd simd gonum; do
	set -- $(steps $s)
	printf '%-15s %s\n' "$s" "$(grep -h 'allocs/step' "$OUT/$s.$2.log")"
done
