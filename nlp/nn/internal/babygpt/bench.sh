#!/bin/sh
# Side-by-side benchmark of nanoGPT's baby GPT (4 layers, 4 heads, 128-d,
# block 64, batch 12, AdamW 1e-3) on ../shared/data/tinyshakespeare.txt:
# PyTorch 1.13 (../shared/peers/babygpt_torch.py), the Lingo engine with
# OpenBLAS, and the Lingo engine in pure Go (gonum), all at one thread.
#
#   nlp/nn/internal/babygpt/bench.sh [ROUNDS] [N1 N2] [GO_N1 GO_N2]
#
# Each system is run for N1 and for N2 steps (default 20 and 220, so both
# runs evaluate the same number of times); the time per step is the
# difference of the two runs divided by N2 − N1, which cancels start-up
# (Python import, data encoding). Wall-clock and CPU (user+sys, from
# /usr/bin/time) are both reported: on a busy shared machine the CPU
# figure is the steadier one. Pure Go runs GO_N1/GO_N2 steps (default 5/25).
# The runs are interleaved ROUNDS times (default 3); logs in $OUT.
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
go build -tags openblas -o "$OUT/babygpt-openblas" ./nlp/nn/internal/babygpt/cmd/babygpt
go build -o "$OUT/babygpt-purego" ./nlp/nn/internal/babygpt/cmd/babygpt
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
DATA=../shared/data/tinyshakespeare.txt

# timed NAME STEPS CMD... : runs CMD, appends "wall cpu" to $OUT/NAME.STEPS.times
timed() {
	name=$1 steps=$2
	shift 2
	/usr/bin/time -f "%e %U %S" -o "$OUT/t" "$@" >"$OUT/$name.$steps.log" 2>&1
	awk '{print $1, $2 + $3}' "$OUT/t" >>"$OUT/$name.$steps.times"
}
run() { # run NAME STEPS
	case $1 in
	torch) timed torch "$2" /usr/bin/python3 ../shared/peers/babygpt_torch.py "$2" ;;
	openblas) timed openblas "$2" "$OUT/babygpt-openblas" -steps "$2" -threads 1 -data "$DATA" ;;
	purego) timed purego "$2" "$OUT/babygpt-purego" -steps "$2" -threads 1 -data "$DATA" ;;
	esac
}
rm -f "$OUT"/*.times
r=1
while [ "$r" -le "$ROUNDS" ]; do
	for s in torch openblas; do run $s "$N1"; run $s "$N2"; done
	run purego "$G1"
	run purego "$G2"
	r=$((r + 1))
done

# per-step medians: (N2 run − N1 run)/(N2 − N1), round by round
perstep() { # NAME A B -> "wall_ms cpu_ms" medians
	paste "$OUT/$1.$2.times" "$OUT/$1.$3.times" | awk -v d=$(($3 - $2)) '{print ($3-$1)*1000/d, ($4-$2)*1000/d}' >"$OUT/$1.perstep"
	w=$(cut -d' ' -f1 "$OUT/$1.perstep" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	c=$(cut -d' ' -f2 "$OUT/$1.perstep" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	echo "$w $c"
}
set -- $(perstep torch "$N1" "$N2"); tw=$1 tc=$2
set -- $(perstep openblas "$N1" "$N2"); ow=$1 oc=$2
set -- $(perstep purego "$G1" "$G2"); gw=$1 gc=$2
echo "baby GPT, 1 thread, median of $ROUNDS interleaved rounds, ms per training step:"
printf '%-22s %8s %8s %8s %8s\n' system wall cpu "wall/pt" "cpu/pt"
printf '%-22s %8.1f %8.1f %8s %8s\n' "PyTorch 1.13" "$tw" "$tc" 1.00 1.00
printf '%-22s %8.1f %8.1f %8.2f %8.2f\n' "Lingo + OpenBLAS" "$ow" "$oc" "$(echo "$ow $tw" | awk '{print $1/$2}')" "$(echo "$oc $tc" | awk '{print $1/$2}')"
printf '%-22s %8.1f %8.1f %8.2f %8.2f\n' "Lingo pure Go (gonum)" "$gw" "$gc" "$(echo "$gw $tw" | awk '{print $1/$2}')" "$(echo "$gc $tc" | awk '{print $1/$2}')"
grep -h "allocs/step" "$OUT/openblas.$N2.log" | sed 's/^/Lingo + OpenBLAS /'
grep -h "allocs/step" "$OUT/purego.$G2.log" | sed 's/^/Lingo pure Go    /'
