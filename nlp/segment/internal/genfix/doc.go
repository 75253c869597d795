// Package main is the genfix command, a build tool that is not part of
// the library.
//
// Command genfix writes nlp/segment/counts.txt: the word counts that make
// the dictionary gse loads equal to jieba's, and jieba's total count. It
// reads jieba 0.42.1's dict.txt as Debian's python3-jieba installs it (MIT
// licence, Copyright 2012-2017 Sun Junyi) and the simplified and
// traditional dictionaries gse embeds (s_1.txt, t_1.txt, Apache-2.0) from
// the module cache. It is a build tool, not part of the library:
//
//	apt-get install python3-jieba
//	go run ./nlp/segment/internal/genfix > nlp/segment/counts.txt
//
// The target dictionary is jieba's, plus the words of gse's traditional
// dictionary that jieba lacks. A line "word count" is written for every
// word whose count in that target differs from what gse's loader gives it:
// the loader sets every single character's count to 2, gse's simplified
// dictionary changes 672 of jieba's counts and adds 5,254 words, and jieba
// has 2,020 words gse lacks. Count 0 removes a word.
package main
