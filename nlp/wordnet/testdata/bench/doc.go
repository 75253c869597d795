// Package main is the bench command, a benchmark tool that is not part
// of the library.
//
// Command bench times nlp/wordnet on the workload of bench_nltk.py and
// prints the medians as JSON; bench_nltk.py runs it beside NLTK 3.8.
// It lives under testdata so that ./... builds and tests skip it.
//
//	go run ./nlp/wordnet/testdata/bench [-dir /usr/share/wordnet] [-reps 5]
package main
