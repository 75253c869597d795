// Package main is the bench command, a benchmark tool that is not part
// of the library.
//
// Command bench trains word2vec on a corpus file with the settings of the
// gensim peer script (d100, window 5, negative 5, sample 1e-3, min_count 5,
// 5 epochs) and prints one line of timing, like its gensim peer
// ../../bench/peer_gensim.py, plus optionally the analogy accuracy;
// ../../bench/run.sh runs both side by side.
//
//	go run ./nlp/word2vec/internal/bench -corpus sotu.txt -sg -workers 2 -out vec.txt
package main
