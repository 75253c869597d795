// Package main is the vsjieba command, a benchmark tool that is not part
// of the library.
//
// Command vsjieba compares segment.Tokens, and gse's own Cut whose
// dictionary counts it corrects, with jieba 0.42 (Debian python3-jieba,
// jieba.lcut in accurate mode with HMM) on the same lines of fortunes-zh
// and chinese-poetry: line agreement, agreement on boundary decisions,
// words per second, and the commonest
// disagreements. It is a benchmark tool, not part of the library.
//
//	apt-get install python3-jieba   # the peer, under /usr/bin/python3
//	go run ./nlp/segment/internal/vsjieba -rounds 3
//
// A boundary decision is made at every point between two adjacent Han
// characters: both segmenters either cut there or not. A line agrees when
// all its decisions agree; lines without two adjacent Han characters are
// not counted. Punctuation, Latin words and numbers are tokenised by
// different rules on purpose (text.Tokenizer splits at every change of
// script; jieba keeps ASCII letters and digits inside its Han blocks), so
// only cuts between Han characters are compared.
//
// Speed: each round segments every line once with Go, then once with
// jieba in a fresh Python process that loads its dictionary before its
// clock starts; the medians over rounds are reported with their ratio.
// Absolute rates depend on the machine's load; the ratio is steadier.
package main
