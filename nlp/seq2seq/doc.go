// Package seq2seq translates sentences with neural encoder–decoder models
// built on packages autograd and nn: a GRU encoder–decoder without attention,
// with additive (Bahdanau) and with multiplicative (Luong) attention, and a
// small Transformer encoder–decoder, trained
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
// A Task trains either model with training.Run. Small data overfits
// quickly, so training uses dropout (Config.Dropout),
// halves the learning rate after an epoch that did not lower the validation
// loss, and keeps the parameters of the best epoch. On small data the
// validation loss can turn up while BLEU still improves (the model grows
// over-confident on words it gets wrong, which costs loss but not the
// argmax), so Task.SelectBLEU keeps the epoch of best validation
// BLEU instead; at low BLEU on a few hundred sentences that choice is
// noisy (a handful of 4-gram matches decide it).
//
// # The Transformer
//
// Transformer replaces recurrence by attention (Vaswani et al. 2017), here
// pre-norm: every sublayer reads LN(x) and adds its output to x.
//
//	Attention(Q, K, V) = softmax(QKᵀ/√d) V      per head, d = C/heads
//	encoder layer   x += SelfAttn(LN x);  x += FF(LN x)
//	decoder layer   y += CausalSelfAttn(LN y);  y += CrossAttn(LN y, enc);  y += FF(LN y)
//
// with sinusoidal positions added to the embeddings and padded source
// positions masked to −∞ in both encoder self-attention and cross-attention.
// The decoder reads the whole reference prefix at once during training;
// decoding runs it again over the prefix at every step. The cross-attention
// of the last decoder layer, averaged over heads, is the attention shown.
//
// # Decoding
//
// Greedy decoding takes the most probable word at each step. Beam search
// keeps the k most probable prefixes; a prefix ending in </s> among the k
// best proposals is finished, and search stops when no live prefix can beat
// the best finished one. Finished hypotheses are ranked by GNMT's
// length-normalised score (Wu et al. 2016)
//
//	score(y) = log P(y | x) / lp(y),   lp(y) = ((5 + |y|)/6)^α
//
// since raw log-probabilities favour short outputs. With α = 0, width 1 is
// greedy decoding (tested). Sampling draws each word from the softmax at a
// temperature. No decoder ever outputs <unk> (unless BeamConfig.AllowUnk):
// with a word vocabulary of a small corpus, <unk> is often the single most
// probable next word, and a literal "<unk>" matches no reference word — BLEU's
// 13a tokeniser even splits it into "< unk >", three wrong tokens that also
// hide a too-short output from the brevity penalty. Excluding it lets the
// model say the best real word.
//
// When beam search scores below greedy decoding, tell search error from
// model error: compare the model's log P of the two outputs. The decoders'
// step-by-step log P equals the log P of one teacher-forced pass over the
// output (tested for both architectures), so the search is sound; if beam
// search finds outputs the model prefers and BLEU still falls, the model is
// wrong, typically over-confident in short outputs. Label smoothing
// (Task.LabelSmoothing, ε = 0.1 as in Vaswani et al. 2017) keeps it
// from that over-confidence, and TuneAlpha chooses α on the validation
// split. docs/benchmarks.md has the measurements on the lesson's data.
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
// A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017;
// I. Sutskever, O. Vinyals, Q. Le, "Sequence to Sequence Learning with Neural
// Networks", NeurIPS 2014; D. Bahdanau, K. Cho, Y. Bengio, "Neural Machine
// Translation by Jointly Learning to Align and Translate", ICLR 2015;
// M.-T. Luong, H. Pham, C. Manning, "Effective Approaches to Attention-based
// Neural Machine Translation", EMNLP 2015; P. Brown et al., "The Mathematics
// of Statistical Machine Translation", Computational Linguistics 1993;
// Y. Wu et al., "Google's Neural Machine Translation System", 2016;
// C. Szegedy et al., "Rethinking the Inception Architecture for Computer
// Vision" (label smoothing), CVPR 2016.
//
// Usage: German–English pairs, a split, vocabularies, a GRU encoder–decoder
// with additive attention trained with validation, beam search, and the
// corpus scores of the test split:
//
//	pairs, err := seq2seq.LoadPairs("de-en", seq2seq.DataConfig{MaxLen: 8, MaxPairs: 400})
//	split, err := seq2seq.SplitPairs(pairs, 0.1, 0.1, 1)
//	src, err := seq2seq.BuildVocab(split.Train, false, 2, 0)
//	tgt, err := seq2seq.BuildVocab(split.Train, true, 2, 0)
//	m, err := seq2seq.New(src, tgt, seq2seq.Config{Embed: 16, Hidden: 32, Attention: seq2seq.Additive, Seed: 1})
//	task := &seq2seq.Task{Model: m, Train: split.Train, Val: split.Valid}
//	hist, err := training.Run(ctx, task, training.Config{Epochs: 2, Seed: 1})
//	tr := m.Beam(seq2seq.Tokenize("Ich habe Hunger.", false), seq2seq.BeamConfig{Width: 5, Alpha: 0.6})[0]
//	report, err := m.Evaluate(ctx, split.Test, seq2seq.BeamConfig{Width: 5, Alpha: 0.6})
//	tf, err := seq2seq.NewTransformer(src, tgt, seq2seq.TransformerConfig{Dim: 32, Layers: 1})
package seq2seq
