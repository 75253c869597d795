#!/bin/sh
# Side-by-side benchmark of nlp/ngram and NLTK 3.8 on one corpus, in one run.
#
#   sh nlp/ngram/testdata/bench.sh [CORPUS] [K]
#
# CORPUS: a text file or a directory of .txt files; default the State of
# the Union installed by install.sh (~/.local/share/lingo/sotu), else
# ../shared/data/tinyshakespeare.txt. K: held-out 5-grams NLTK scores (its
# Kneser–Ney scans every higher-order n-gram per query, so the whole
# held-out set would take hours); default 200.
#
# Each side runs in its own process under /usr/bin/time for peak RSS. The
# Go side runs twice: the 5-gram modified Kneser–Ney model (build, score
# the whole held-out set, queries/s) and the same NLTK-convention
# Kneser–Ney model as NLTK (to print the same perplexity on the same K
# n-grams). The machine is shared: compare ratios within one run; CPU
# seconds are printed beside wall seconds (the build uses up to two
# goroutines, so its CPU seconds can exceed its wall seconds).
#
# With KENLM=/path/to/kenlm/build/bin (lmplz and query built from
# github.com/kpu/kenlm; never committed) it also times lmplz -o 5 on the
# same training text, KenLM's query on the held-out text (once, and 50
# times over to separate loading from querying), and runs TestKenLM, which
# compares every n-gram of lmplz's ARPA file with this package's model.
# NLTK=0 skips the (slow) NLTK part. ROUNDS=R (default 1) repeats the
# three timed sections R times, interleaved, and ends with a table of
# medians and ratios (testdata/bench_table.py).
set -e
cd "$(dirname "$0")/.."
corpus=${1:-$HOME/.local/share/lingo/sotu}
[ -e "$corpus" ] || corpus=../../../shared/data/tinyshakespeare.txt
k=${2:-200}
echo "corpus: $corpus   load: $(cut -d' ' -f1-3 /proc/loadavg)"
go test -c -o /tmp/ngram-bench.test . >/dev/null
log=$(mktemp)
rounds=${ROUNDS:-1}
for round in $(seq "$rounds"); do
	[ "$rounds" = 1 ] || echo "-- round $round of $rounds   load: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "== nlp/ngram, 5-gram modified Kneser–Ney"
	LINGO_NGRAM_BENCH=$corpus /usr/bin/time -f "peak RSS %M KB, wall %e s" /tmp/ngram-bench.test -test.run TestBenchmarkCorpus 2>&1 | grep -v '^PASS'
	if [ "$round" = 1 ]; then
		echo "== nlp/ngram, ARPA and native round trips of that model"
		LINGO_NGRAM_BENCH=$corpus LINGO_NGRAM_BENCH_FILES=1 /tmp/ngram-bench.test -test.run TestBenchmarkCorpus 2>&1 | grep -E '^(ARPA|native)'
	fi
	echo "== nlp/ngram, 5-gram Kneser–Ney, NLTK conventions, first $k held-out 5-grams"
	LINGO_NGRAM_BENCH=$corpus LINGO_NGRAM_BENCH_MODE=nltk LINGO_NGRAM_BENCH_K=$k /usr/bin/time -f "peak RSS %M KB, wall %e s" /tmp/ngram-bench.test -test.run TestBenchmarkCorpus 2>&1 | grep -v '^PASS'
	if [ "$NLTK" != 0 ]; then
		echo "== NLTK 3.8 KneserNeyInterpolated(5), first $k held-out 5-grams"
		/usr/bin/time -f "peak RSS %M KB, wall %e s" /usr/bin/python3 testdata/bench_nltk.py "$corpus" "$k" 2>&1
	fi
done 2>&1 | tee "$log"
if [ -n "$KENLM" ]; then
	dir=$(mktemp -d)
	LINGO_NGRAM_BENCH=$corpus LINGO_NGRAM_BENCH_DUMP=$dir LINGO_NGRAM_BENCH_MODE=nltk LINGO_NGRAM_BENCH_K=1 /tmp/ngram-bench.test -test.run TestBenchmarkCorpus >/dev/null
	echo "== KenLM lmplz -o 5"
	/usr/bin/time -o "$dir/time.txt" -f "peak RSS %M KB, wall %e s, CPU %U+%S s" "$KENLM/lmplz" -o 5 -S 1G -T "$dir" <"$dir/train.txt" >"$dir/lm.arpa" 2>"$dir/lmplz.log"
	cat "$dir/time.txt"
	echo "== KenLM query (held-out once, then 50 times)"
	for i in $(seq 50); do cat "$dir/test.txt"; done >"$dir/test50.txt"
	/usr/bin/time -f "peak RSS %M KB, wall %e s, CPU %U+%S s" "$KENLM/query" -v summary "$dir/lm.arpa" <"$dir/test.txt" 2>&1 | grep -E "Perplexity including|Tokens|peak"
	/usr/bin/time -f "peak RSS %M KB, wall %e s, CPU %U+%S s" "$KENLM/query" -v summary "$dir/lm.arpa" <"$dir/test50.txt" 2>&1 | grep -E "Tokens|peak"
	echo "== KenLM query on nlp/ngram's ARPA file (same held-out text; Go printed perplexity above)"
	LINGO_NGRAM_BENCH=$corpus LINGO_NGRAM_BENCH_ARPA_OUT=$dir/ours.arpa /tmp/ngram-bench.test -test.run TestBenchmarkCorpus >/dev/null
	"$KENLM/query" -v summary "$dir/ours.arpa" <"$dir/test.txt" 2>&1 | grep -E "Perplexity including"
	echo "== nlp/ngram vs KenLM's ARPA"
	LINGO_NGRAM_BENCH=$corpus LINGO_NGRAM_KENLM_ARPA=$dir/lm.arpa /tmp/ngram-bench.test -test.run TestKenLM 2>&1 | grep -v '^PASS'
	rm -rf "$dir"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 testdata/bench_table.py "$log"
rm -f "$log"
