#!/usr/bin/env bash
# Side-by-side benchmark of nlp/word2vec, built as a default install builds
# it (GOEXPERIMENT=simd on Go 1.26 amd64, as kernel/engine/speed.go), against
# gensim 4.2 (Debian python3-gensim, peer_gensim.py beside this script) on
# the State of the Union: d100, window 5, negative 5, sample 1e-3,
# min_count 5, 5 epochs, skip-gram and CBOW at 1 and 2 workers. Every round
# runs both, alternating which goes first; the tables give medians over the
# rounds, ratios lingo / gensim (< 1 is faster) and each side's 2-worker /
# 1-worker ratio, for the training time each program reports (wall) and
# for the process's CPU time (user + sys, which includes start-up: Python
# importing gensim and counting the corpus, Go reading it). Then the
# analogy accuracy of every run's vectors, scored by gensim's
# evaluate_word_analogies on questions-words.txt (30,000 words).
#
# Usage (from anywhere):  nlp/word2vec/bench/run.sh
# Environment: REPEATS (default 3), MODES ("1 0" = skip-gram, CBOW),
#   WORKERS ("1 2"), SCALAR=1 to add our build without GOEXPERIMENT=simd,
#   WORK (default /tmp/lingo-w2v-bench), SOTU (the installed corpus,
#   default $LINGO_DATA/sotu, as ./install.sh puts it), QUESTIONS (default
#   ../shared/data/questions-words.txt beside the repository).
# Needs: go, /usr/bin/python3 with python3-gensim, /usr/bin/time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=${WORK:-/tmp/lingo-w2v-bench}
repeats=${REPEATS:-3}
modes=${MODES:-"1 0"}
workers_list=${WORKERS:-"1 2"}
sotu=${SOTU:-${LINGO_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/lingo}/sotu}
questions=${QUESTIONS:-$repo/../shared/data/questions-words.txt}
mkdir -p "$work"
corpus=$work/sotu.txt

if [ ! -s "$corpus" ]; then
	ls "$sotu"/*.txt >/dev/null 2>&1 || { echo "run.sh: no State of the Union in $sotu (./install.sh installs it)" >&2; exit 1; }
	# lowercased, letters and apostrophes, lines of 1,000 tokens
	cat "$sotu"/*.txt | tr '[:upper:]' '[:lower:]' | grep -oE "[a-z']+" |
		awk '{ printf "%s%s", $0, (NR % 1000 == 0 ? "\n" : " ") } END { print "" }' >"$corpus"
fi
echo "corpus: $(wc -w <"$corpus") tokens" >&2

exp=
case "$(go env GOVERSION)/$(go env GOARCH)" in
go1.26*/amd64) exp=simd ;;
esac
(cd "$repo" && GOEXPERIMENT=$exp go build -o "$work/lingo-bench" ./nlp/word2vec/internal/bench)
names="gensim lingo"
if [ "${SCALAR:-0}" = 1 ]; then
	(cd "$repo" && go build -o "$work/lingo-bench-scalar" ./nlp/word2vec/internal/bench)
	names="$names scalar"
fi

# timed CMD…: runs CMD, prints "<wall s> <cpu s>": wall is the training
# time the program reports ("time=…s"), cpu the process's user + sys time.
timed() {
	local tf out w
	tf=$(mktemp)
	out=$(/usr/bin/time -f "%e %U %S" -o "$tf" "$@")
	w=$(echo "$out" | sed -n 's/.*time=\([0-9.]*\)s.*/\1/p')
	awk -v w="$w" '{ printf "%s %.2f\n", (w == "" ? $1 : w), $2 + $3 }' "$tf"
	rm -f "$tf"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
med() { echo $1 | tr ' ' '\n' | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

declare -A wall cpu
run_one() { # name sg workers round
	local name=$1 sg=$2 w=$3 r=$4 out
	local sgflag=$([ "$sg" = 1 ] && echo true || echo false)
	local vec=$work/$name-sg$sg-w$w-r$r.txt
	case $name in
	gensim) out=$(timed /usr/bin/python3 "$here/peer_gensim.py" "$corpus" "$sg" "$w" "$vec") ;;
	lingo) out=$(timed "$work/lingo-bench" -corpus "$corpus" -sg="$sgflag" -workers "$w" -out "$vec") ;;
	scalar) out=$(timed "$work/lingo-bench-scalar" -corpus "$corpus" -sg="$sgflag" -workers "$w" -out "$vec") ;;
	esac
	wall[$name,$sg,$w]+="${out% *} "
	cpu[$name,$sg,$w]+="${out#* } "
	echo "sg=$sg workers=$w $name: wall ${out% *}s cpu ${out#* }s (load $(cut -d' ' -f1 /proc/loadavg))" >&2
}

for r in $(seq "$repeats"); do
	for sg in $modes; do
		for w in $workers_list; do
			order=$names
			[ $((r % 2)) = 0 ] && order=$(echo $names | tr ' ' '\n' | tac | tr '\n' ' ')
			for n in $order; do run_one "$n" "$sg" "$w" "$r"; done
		done
	done
done

echo
echo "word2vec on the State of the Union, median of $repeats interleaved rounds; load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf "%-10s %-7s %9s %9s %7s | %10s %10s %7s" mode workers "gensim s" "lingo s" ratio "gensim cpu" "lingo cpu" ratio
[ "${SCALAR:-0}" = 1 ] && printf " | %9s %7s" "scalar s" ratio
echo
for sg in $modes; do
	name=$([ "$sg" = 1 ] && echo skip-gram || echo CBOW)
	for w in $workers_list; do
		gw=$(med "${wall[gensim,$sg,$w]}") lw=$(med "${wall[lingo,$sg,$w]}")
		gc=$(med "${cpu[gensim,$sg,$w]}") lc=$(med "${cpu[lingo,$sg,$w]}")
		printf "%-10s %-7s %9.1f %9.1f %7s | %10.1f %10.1f %7s" "$name" "$w" "$gw" "$lw" "$(ratio "$lw" "$gw")" "$gc" "$lc" "$(ratio "$lc" "$gc")"
		if [ "${SCALAR:-0}" = 1 ]; then
			sw=$(med "${wall[scalar,$sg,$w]}")
			printf " | %9.1f %7s" "$sw" "$(ratio "$sw" "$gw")"
		fi
		echo
	done
done
set -- $workers_list
if [ $# -ge 2 ]; then
	echo
	echo "scaling: training time with $2 workers / with $1 (median of each)"
	for sg in $modes; do
		name=$([ "$sg" = 1 ] && echo skip-gram || echo CBOW)
		printf "%-10s gensim %s  lingo %s\n" "$name" "$(ratio "$(med "${wall[gensim,$sg,$2]}")" "$(med "${wall[gensim,$sg,$1]}")")" \
			"$(ratio "$(med "${wall[lingo,$sg,$2]}")" "$(med "${wall[lingo,$sg,$1]}")")"
	done
fi

if [ -f "$questions" ]; then
	echo
	echo "analogy accuracy (gensim's evaluate_word_analogies, $(basename "$questions"), 30,000 words), median over rounds:"
	for sg in $modes; do
		for w in $workers_list; do
			for n in $names; do
				acc=$(/usr/bin/python3 "$here/peer_gensim.py" -questions "$questions" "$work/$n"-sg$sg-w$w-r*.txt | awk '{ print $4 }' | median)
				printf "%-10s workers %s %-7s %.2f %%\n" "$([ "$sg" = 1 ] && echo skip-gram || echo CBOW)" "$w" "$n" "$(awk -v a="$acc" 'BEGIN { print 100 * a }')"
			done
		done
	done
fi
