// Package word2vec trains word vectors with skip-gram and CBOW (Mikolov et
// al. 2013), with gensim's hyperparameters, defaults and training loop, in
// pure Go with Hogwild multi-threading, and holds the small teaching tools
// of the word-vector lessons: the naive softmax and its gradient,
// co-occurrence counts with a count-based SVD embedding, and a
// keyword-in-context view.
//
// # Math
//
// Skip-gram predicts each context word o from a centre word c with
//
//	P(o | c) = exp(u_o·v_c) / Σ_{w∈V} exp(u_w·v_c)
//
// where v are input ("centre") vectors and u output ("context") vectors;
// training minimises −log P(o|c) over all (c, o) pairs in a window. CBOW
// predicts the centre word from h, the mean (or sum) of its context
// vectors. The full softmax costs O(|V|·d) per pair; negative sampling
// replaces it with
//
//	−log σ(u_o·v_c) − Σ_{k=1}^{K} log σ(−u_k·v_c),   u_k ~ P(w) ∝ count(w)^0.75
//
// and hierarchical softmax with a product of ≈log₂|V| binary decisions along
// the word's path in a Huffman tree. Frequent words are kept with
// probability (√(f/t) + 1)·t/f (f = count, t = Sample·total), the learning
// rate decays linearly from Alpha to MinAlpha, and the window is shrunk to
// a random size in 1…Window per centre word, as in the C tool and gensim.
//
// The vocabulary is sorted by descending count, and words of equal count
// by their first appearance in the corpus. gensim 4.2 sorts by count alone
// (np.argsort(count)[::-1], whose order among equal counts is numpy's
// sort's, not the corpus's), so tied words can sit in other rows than in
// gensim; the vectors, the neighbours and the file formats do not depend
// on the row order.
//
// Training reports to a training.Reporter (a *plots.Progress shows a live
// bar) and returns its per-epoch loss as a training.History, like every
// trainer of the library; its loop stays its own (Hogwild workers, not
// training.Run).
//
// # Speed
//
// The training loops are float32 and pure Go: unrolled kernels without
// bounds checks, the C tool's sigmoid table, an alias table for negative
// samples, and for K = 5 a pass that takes all six dot products at once
// and one that applies all six updates. Built with GOEXPERIMENT=simd on an
// amd64 CPU with AVX2 and FMA, 8-wide kernels (simd/archsimd, still pure
// Go) are used instead; SIMD reports which. bench/run.sh compares the
// wall and CPU time with gensim 4.2 on the same machine.
//
// # References
//
//   - T. Mikolov, K. Chen, G. Corrado, J. Dean. Efficient Estimation of Word
//     Representations in Vector Space. ICLR workshop 2013.
//   - T. Mikolov, I. Sutskever, K. Chen, G. Corrado, J. Dean. Distributed
//     Representations of Words and Phrases and their Compositionality.
//     NIPS 2013 (negative sampling, subsampling).
//   - F. Niu, B. Recht, C. Ré, S. Wright. Hogwild!: A Lock-Free Approach to
//     Parallelizing Stochastic Gradient Descent. NIPS 2011.
//   - gensim 4.2 gensim.models.word2vec, whose parameter names and defaults
//     Config follows.
//
// # Usage
//
// Dim and Window have no defaults; the other settings default to gensim's.
// One worker and a seed make a run repeatable; NoSample turns off the
// subsampling of frequent words, which a toy corpus cannot spare.
//
//	sentences, err := word2vec.ReadCorpus(f) // one sentence per line
//	cfg := word2vec.Config{Dim: 16, Window: 2, MinCount: 1, NoSample: true, SG: true, Workers: 1, Seed: 1}
//	m, err := word2vec.Train(ctx, sentences, cfg)
//	sims, err := m.MostSimilar([]string{"cat"}, nil, 1)
//	err = m.SaveWord2VecFormat(path, true)
package word2vec
