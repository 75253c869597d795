// Package ngram builds n-gram language models: counts of every order with
// sentence padding, the classic estimators from maximum likelihood to
// interpolated modified Kneser–Ney, perplexity, next-word tables,
// generation, and ARPA files shared with KenLM and SRILM.
//
// # The model
//
// An n-gram model makes the Markov assumption that a word depends only on
// the n−1 words before it:
//
//	P(w1 … wT) ≈ Π_t P(wt | wt−n+1 … wt−1),   P_MLE(w | h) = c(h w) / c(h •)
//
// where c(h •) = Σ_w c(h w). Maximum likelihood gives every unseen n-gram
// probability zero — and a test sentence containing one infinite
// perplexity — which the other estimators fix:
//
//	Laplace, Lidstone   (c(h w) + k) / (c(h •) + k|V|)
//	Stupid Backoff      c(h w)/c(h •) if c(h w) > 0, else 0.4 · S(w | h′)      (Brants et al. 2007)
//	Witten–Bell         interpolate with weight N1+(h •) / (c(h •) + N1+(h •)) (Witten & Bell 1991)
//	absolute discount   subtract D from every count, give the mass to P(w | h′) (Ney, Essen & Kneser 1994)
//	Kneser–Ney          same, but lower orders count contexts, not tokens:
//	                    a(h w) = N1+(• h w), "how many words precede h w"     (Kneser & Ney 1995)
//	modified KN         three discounts D1, D2, D3+ by count                  (Chen & Goodman 1998)
//
// estimate.go spells out α and γ of the interpolation P(w | h) = α(h, w) +
// γ(h) P(w | h′) for each; discount.go the discount estimates.
//
// # Padding and unknown words
//
// Each sentence is padded as "<s> w1 … wT </s>" (KenLM/SRILM style): <s> is
// only ever a context, </s> is predicted like a word and counted in
// perplexity. Words outside the vocabulary are scored as <unk>; with
// Config.MinCount > 1, training words rarer than that become <unk> too, so
// <unk> gets real counts. The <unk> policy: every estimator except MLE gives
// <unk> (and any unseen word) a probability > 0 even when it was never
// seen — add-k through k, the interpolated estimators through a uniform
// distribution 1/|V| below the unigrams (as KenLM does), Stupid Backoff by
// one more backoff step to 1/|V| — so their perplexity is always finite.
// MLE keeps P = 0 and reports perplexity +Inf (Evaluation.Zero counts the
// offending tokens).
//
// # NLTK mode
//
// Config{NLTK: true} reproduces nltk.lm 3.8 number for number (tested to
// 1e-9 on its MLE, Laplace, Lidstone, KneserNeyInterpolated,
// WittenBellInterpolated, AbsoluteDiscountingInterpolated and StupidBackoff):
//
//   - padding is n−1 <s> and n−1 </s> (pad_both_ends), every k-gram of the
//     padded sentence is counted (padded_everygram_pipeline), <s> is a
//     word like any other, and perplexity scores every order-n window, so
//     "</s> after </s>" is predicted too;
//   - |V| counts <s>, </s> and <UNK> (len(Vocabulary));
//   - Kneser–Ney's unigram level is the undiscounted continuation
//     distribution and γ(h) uses the raw number of followers of h; the
//     default discount is 0.1 (0.75 for absolute discounting);
//   - Witten–Bell and absolute discounting end in the plain MLE unigram;
//   - there is no uniform floor, so an unseen word has probability 0 and the
//     perplexity of a text containing one is +Inf — NLTK's well-known
//     "inf perplexity".
//
// # Queries and displays
//
// Prob, LogProb (natural log) and Explain (the derivation: α, γ and counts
// per order, and which order "answered") score one word; Dist a whole
// next-word distribution; NextWords the lecture's "today the ___" table;
// Evaluate and Perplexity held-out text; Generate samples with a seed,
// temperature and top-k. NextWords, Trace, Generation (tokens coloured by
// their probability), OrderCurve (PerplexityByOrder) and Sparsity
// (MeasureSparsity) implement plots.Renderer: self-contained HTML or SVG
// (gonum/plot) plus text.
//
// # Files
//
// WriteARPA and ReadARPA use the ARPA back-off format of SRILM and KenLM
// (log10 probabilities and back-off weights); read errors name the line.
// WriteTo and Load keep the counts in a compact binary format, so a loaded
// model can still be re-smoothed with WithSmoothing.
//
// # Storage and speed
//
// Words are integer ids (Vocab), ordered by frequency; the n-grams form a
// trie of sorted arrays, one level per order (counts.go), so a model holds
// no strings besides the vocabulary. Level k lists every distinct k-gram
// once, sorted by (context node, last word) — which is also the
// lexicographic order of the k words — with parallel arrays: last word,
// count, adjusted count, suffix link (the node of the k-gram without its
// first word, one level down) and, below the top, the range of following
// nodes at level k+1. The n-grams that follow a context are one
// contiguous run; finding one is a binary search in that run, or one
// probe of a hash index on the levels where runs are long (the bigrams).
//
// Counting sorts instead of hashing. Level k+1 comes from level k in a
// few linear passes: every position i of the corpus whose k-gram has node
// p and is followed by word w in its sentence yields one 64-bit key
// p << b | w (b = bits of the largest word id); a radix sort (radix.go)
// of these keys puts equal (k+1)-grams next to each other, in trie order,
// so the distinct ones, their counts, suffix links and context ranges are
// read off the sorted array in one pass. The Kneser–Ney continuation
// counts N1+(• g) are a pass over the suffix links, counts of counts a
// pass over the counts. No string, map or pointer is touched per n-gram,
// and each level allocates only a few flat arrays.
//
// After training, interpolated models are compiled to back-off form
// (compile.go), so a query costs a few lookups whatever the estimator.
// The radix sort, the context statistics and the compilation split their
// loops between two goroutines (parallel.go); the result is the same
// with one processor.
//
// testdata/bench.sh compares the build and query times with NLTK and
// KenLM (docs/benchmarks.md has the figures).
//
// # References
//
//   - Jurafsky & Martin, Speech and Language Processing, 3rd ed., ch. 3.
//   - S. F. Chen and J. Goodman, An Empirical Study of Smoothing Techniques
//     for Language Modeling, Harvard TR-10-98, 1998.
//   - R. Kneser and H. Ney, Improved backing-off for m-gram language
//     modeling, ICASSP 1995.
//   - T. Brants et al., Large Language Models in Machine Translation, EMNLP 2007.
//   - K. Heafield et al., Scalable Modified Kneser-Ney Language Model
//     Estimation, ACL 2013 (KenLM's lmplz).
//
// # Usage
//
//	m, err := ngram.Train(sentences, ngram.Config{Order: 3})
//	p := m.Prob("books", []string{"opened", "their"})
//	plots.Display(m.NextWords([]string{"today", "the"}, 10))
//	fmt.Printf("held-out perplexity %.1f\n", m.Perplexity(heldOut))
package ngram
