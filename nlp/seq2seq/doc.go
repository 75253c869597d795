// Package seq2seq translates sentences with neural encoder–decoder models
// built on packages autograd and nn: a GRU encoder–decoder without attention,
// with additive (Bahdanau) and with multiplicative (Luong) attention, trained
// with teacher forcing on batches of similar length, decoded greedily, by beam
// search or by sampling, and scored with BLEU and chrF (package metrics).
// A noisy-channel ranker shows the statistical MT view beside it.
//
// # The model
//
// The encoder reads the source x₁ … xₙ into states hⱼ = GRU(E[xⱼ], hⱼ₋₁); the
// decoder models the translation word by word,
//
//	P(y | x) = Πₜ P(yₜ | y₁ … yₜ₋₁, x),   sₜ = GRU([E[yₜ₋₁]; fₜ], sₜ₋₁),  s₀ = hₙ
//	h̃ₜ = tanh(W_c [sₜ; cₜ]),             P(yₜ | …) = softmax(W_o h̃ₜ + b)
//
// Without attention the context cₜ is hₙ at every step: the whole sentence
// must fit in one vector. Attention recomputes it per step as a weighted mean
// of all encoder states, cₜ = Σⱼ αₜⱼ hⱼ with αₜ = softmax(scoreₜ):
//
//	additive (Bahdanau et al. 2015)        scoreₜⱼ = vᵀ tanh(W sₜ₋₁ + U hⱼ)
//	multiplicative (Luong et al. 2015)     scoreₜⱼ = sₜᵀ W hⱼ
//
// Training minimises the cross-entropy of the reference words given the
// reference prefix (teacher forcing). Sentences in a batch are padded to the
// longest; padding is masked twice: the encoder keeps its state over padded
// positions, h ← h + m ⊙ (GRU(x, h) − h) with m = 0, and attention scores of
// padded positions are −∞ before the softmax. Padding therefore changes no
// result (tested).
//
// # Decoding
//
// Greedy decoding takes the most probable word at each step. Beam search
// keeps the k most probable prefixes; finished hypotheses are ranked by
// log P / |y|^α, since raw log-probabilities favour short outputs (Wu et al.
// 2016 use a similar length penalty). Width 1 is greedy decoding (tested).
// Sampling draws each word from the softmax at a temperature.
//
// # Noisy channel
//
// Statistical MT chooses argmax_y P(x | y)·P(y): a translation model scores
// how well y explains the source, a language model how fluent y is.
// NoisyChannel ranks candidate translations by log P(x | y) + log P(y) with
// an IBM Model 1 word-translation table (Brown et al. 1993, trained by EM) and
// an n-gram model from package ngram.
//
// # Data
//
// LoadPairs reads the German–English pairs of Debian's trans-de-en (corpus
// "de-en"); SplitPairs splits them by seed; BuildVocab makes a vocabulary per
// side with <unk>, <pad>, <s>, </s>. ToyPairs makes the copy and reverse
// tasks used to check that a model can learn at all.
//
// References: K. Cho et al., "Learning Phrase Representations using RNN
// Encoder–Decoder for Statistical Machine Translation", EMNLP 2014;
// I. Sutskever, O. Vinyals, Q. Le, "Sequence to Sequence Learning with Neural
// Networks", NeurIPS 2014; D. Bahdanau, K. Cho, Y. Bengio, "Neural Machine
// Translation by Jointly Learning to Align and Translate", ICLR 2015;
// M.-T. Luong, H. Pham, C. Manning, "Effective Approaches to Attention-based
// Neural Machine Translation", EMNLP 2015; P. Brown et al., "The Mathematics
// of Statistical Machine Translation", Computational Linguistics 1993;
// Y. Wu et al., "Google's Neural Machine Translation System", 2016.
//
// Usage:
//
//	pairs, err := seq2seq.LoadPairs("de-en", seq2seq.DataConfig{MaxLen: 12})
//	split, _ := seq2seq.SplitPairs(pairs, 0.05, 0.05, 1)
//	src, tgt := seq2seq.BuildVocab(split.Train, false, 2, 0), seq2seq.BuildVocab(split.Train, true, 2, 0)
//	m, _ := seq2seq.New(src, tgt, seq2seq.Config{Attention: seq2seq.Additive})
//	hist, err := m.Train(ctx, split.Train, seq2seq.TrainConfig{Epochs: 8, Valid: split.Valid, Live: true})
//	tr := m.Beam(seq2seq.Tokenize("Ich habe Hunger.", false), seq2seq.BeamConfig{Width: 5, Alpha: 1})[0]
//	report, _ := m.Evaluate(ctx, split.Test, seq2seq.BeamConfig{Width: 5, Alpha: 1})
package seq2seq
