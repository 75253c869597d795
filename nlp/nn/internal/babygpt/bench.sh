#!/bin/sh
# Side-by-side benchmark of nanoGPT's baby GPT: PyTorch 1.13 (the peer
# script in ../shared/peers) against the Lingo engine with OpenBLAS and in
# pure Go, all at one thread, in the same run. Run from anywhere:
#
#   nlp/nn/internal/babygpt/bench.sh [STEPS] [PURE_GO_STEPS] [ROUNDS]
#
# STEPS (default 200) for PyTorch and OpenBLAS; pure Go runs PURE_GO_STEPS
# (default 50, it is several times slower). With ROUNDS > 1 the three runs
# are interleaved ROUNDS times, which evens out a noisy shared machine.
# Logs go to $OUT (default /tmp/lingo-babygpt).
set -eu
STEPS=${1:-200}
GOSTEPS=${2:-50}
ROUNDS=${3:-1}
OUT=${OUT:-/tmp/lingo-babygpt}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$ROOT"
mkdir -p "$OUT"
go build -tags openblas -o "$OUT/babygpt-openblas" ./nlp/nn/internal/babygpt/cmd/babygpt
go build -o "$OUT/babygpt-purego" ./nlp/nn/internal/babygpt/cmd/babygpt
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
DATA=../shared/data/tinyshakespeare.txt

msper() { awk '/^ms\/iter/ {print $2}' "$1"; }
r=1
while [ "$r" -le "$ROUNDS" ]; do
	/usr/bin/python3 ../shared/peers/babygpt_torch.py "$STEPS" >"$OUT/torch.$r.log" 2>&1
	"$OUT/babygpt-openblas" -steps "$STEPS" -threads 1 -data "$DATA" >"$OUT/openblas.$r.log"
	"$OUT/babygpt-purego" -steps "$GOSTEPS" -threads 1 -data "$DATA" >"$OUT/purego.$r.log"
	t=$(msper "$OUT/torch.$r.log"); o=$(msper "$OUT/openblas.$r.log"); g=$(msper "$OUT/purego.$r.log")
	echo "round $r: ms/step PyTorch $t | Lingo+OpenBLAS $o ($(echo "$o $t" | awk '{printf "%.2f", $1/$2}')x) | Lingo pure Go $g ($(echo "$g $t" | awk '{printf "%.2f", $1/$2}')x)"
	r=$((r + 1))
done
echo "last logs:"
for f in torch openblas purego; do echo "== $f"; cat "$OUT/$f.$ROUNDS.log"; done
