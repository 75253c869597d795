// Package metrics scores machine translation and language models the way the
// field reports them: BLEU and chrF with sacreBLEU's defaults and signature
// strings, NLTK-compatible BLEU, perplexity and accuracy.
//
// # BLEU
//
// BLEU (Papineni et al. 2002) compares a hypothesis with one or more
// references through clipped n-gram precisions and a brevity penalty:
//
//	pₙ  = Σ_seg Σ_g min(c_hyp(g), max_ref c_ref(g)) / Σ_seg #n-grams(hyp)     n = 1 … 4
//	BP  = 1 if c > r, else exp(1 − r/c)     c = hypothesis length, r = closest reference length
//	BLEU = BP · exp(¼ Σₙ log pₙ)            (× 100 in sacreBLEU)
//
// Corpus BLEU sums the counts over all segments first and takes the ratios
// once; it is not the mean of sentence BLEU. Sentence BLEU needs smoothing
// because one missing 4-gram makes the geometric mean 0: the default "exp"
// method of mteval-v13a.pl replaces the k-th zero precision by 1/(2ᵏ·total).
//
// BLEU (the config type) follows sacreBLEU 2.x exactly: text is tokenised
// with the "13a" tokeniser of mteval-v13a.pl (Tokenize13a), the reference
// length is the closest one (ties to the shorter), smoothing is "exp", and
// Signature returns a string such as
//
//	BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:lingo-1
//
// so that a score can be reported together with how it was computed (Post
// 2018). The version field names this package's implementation (Version),
// not sacreBLEU's; the numbers agree with sacreBLEU's own test cases.
//
// NLTKCorpusBLEU and NLTKSentenceBLEU reproduce nltk.translate.bleu_score
// 3.8 on pre-tokenised input, with its weights, smoothing methods 0–4 and
// auto_reweigh — including its quirks (a 0 precision becomes the smallest
// float rather than 0, the score is in [0, 1]).
//
// # chrF
//
// chrF (Popović 2015) is an F-score over character n-grams (n = 1 … 6,
// whitespace removed), with recall weighted β = 2 times as much as precision:
//
//	chrFβ = (1 + β²)·P·R / (β²·P + R),   P, R averaged over the n-gram orders
//
// chrF++ adds word n-grams (CHRF.WordOrder = 2).
//
// # Perplexity and accuracy
//
// Perplexity is exp of the mean negative log-likelihood per token; Accuracy
// and ExactMatch compare predictions with gold labels or sequences.
//
// References: K. Papineni et al., "BLEU: a Method for Automatic Evaluation of
// Machine Translation", ACL 2002; M. Post, "A Call for Clarity in Reporting
// BLEU Scores", WMT 2018 (sacreBLEU); B. Chen and C. Cherry, "A Systematic
// Comparison of Smoothing Techniques for Sentence-Level BLEU", WMT 2014;
// M. Popović, "chrF: character n-gram F-score for automatic MT evaluation",
// WMT 2015; NIST mteval-v13a.pl.
//
// Usage:
//
//	s, err := metrics.CorpusBLEU(hyps, refs) // refs[i] are the references of hyps[i]
//	fmt.Println(s)                            // BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 …
//	fmt.Println(s.Signature)                  // BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:lingo-1
//	b, _ := metrics.SentenceBLEU(hyp, ref)
//	c, _ := metrics.CorpusCHRF(hyps, refs)
package metrics
