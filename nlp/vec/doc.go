// Package vec holds word vectors: one-hot encodings, dense vectors compared
// by dot product and cosine, and KeyedVectors, a table of word → vector
// with the queries students know from gensim (MostSimilar, analogies,
// DoesntMatch, Rank), the standard analogy and word-pair evaluations, and
// the word2vec text and binary file formats.
//
// # Math
//
// A one-hot vector e_i ∈ {0,1}^|V| has a single 1 at the word's index, so any
// two different words are orthogonal: e_i·e_j = 0 and the encoding says
// nothing about similarity. Dense vectors v ∈ ℝ^d (d ≪ |V|) are compared by
//
//	cos(u, v) = u·v / (‖u‖ ‖v‖)
//
// The analogy a : b :: c : ? is solved with 3CosAdd (Mikolov et al. 2013):
//
//	argmax_{x ∉ {a,b,c}} cos(x, b̂ − â + ĉ)
//
// where ŵ = w/‖w‖ (gensim and the original C tool normalise the summed
// vector too, which does not change the argmax). 3CosMul (Levy & Goldberg
// 2014, eq. 4) multiplies similarities shifted to [0, 1] instead:
//
//	argmax_x  s(x,b) s(x,c) / (s(x,a) + 1e-6),   s(x,y) = (1 + cos(x,y)) / 2
//
// # References
//
//   - T. Mikolov, K. Chen, G. Corrado, J. Dean. Efficient Estimation of Word
//     Representations in Vector Space. 2013 (the analogy test set, §4.1).
//   - O. Levy, Y. Goldberg. Linguistic Regularities in Sparse and Explicit
//     Word Representations. CoNLL 2014 (3CosMul).
//   - gensim 4.2 gensim.models.keyedvectors, whose evaluation rules
//     EvaluateWordAnalogies and EvaluateWordPairs reproduce.
//
// # Usage
//
// Load vectors saved by gensim or the C tool (binary or text format), ask
// for neighbours and analogies, score an analogy test file:
//
//	kv, err := vec.LoadWord2VecFormat(path, false)
//	sims, err := kv.MostSimilar([]string{"king", "woman"}, []string{"man"}, 1)
//	res, err := kv.EvaluateWordAnalogies(questions, 30000)
//	fmt.Println(res.Score)
package vec
