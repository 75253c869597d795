// Package lm builds neural language models on packages autograd and nn:
// the fixed-window model of Bengio et al. (2003), recurrent models with
// vanilla, GRU and LSTM cells trained by truncated backpropagation through
// time, and a decoder-only Transformer (GPT). All implement Model: train on
// a token stream, score it (LogProb, Perplexity), list the next tokens,
// generate with temperature, top-k and top-p sampling, save and load.
// Tokens are characters or words (Vocab, on top of nlp/text).
//
// # The math
//
// A language model factorises the probability of a text,
//
//	P(w_1 … w_T) = Π_t P(w_t | w_1 … w_{t−1}),
//
// and is trained to minimise the mean negative log-likelihood (cross-
// entropy) of the next token; perplexity is its exponential,
// PPL = exp(−(1/N) Σ_t ln P(w_t | w_<t)), the "effective number of choices".
// The three models differ in how they summarise the history w_<t:
//
//	fixed window   x = [e(w_{t−n}); …; e(w_{t−1})],  h = tanh(xW + b)           Bengio et al. 2003
//	RNN            h_t = tanh(e(w_t)W_x + h_{t−1}W_h + b)  (or GRU, LSTM gates)  Elman 1990
//	Transformer    h = Blocks(e(w) + p),  causal self-attention over ≤ Block   Vaswani et al. 2017
//
// then P(w_{t+1} | ·) = softmax(hU + c). The fixed window cures the n-gram
// model's sparsity (similar words get similar embeddings) but still sees
// only n tokens; the RNN reads any length, but its gradient through time is
// a product of Jacobians that vanishes (Bengio et al. 1994; see
// RNN.GradientThroughTime) and it must run step by step; the Transformer
// reads its whole block in parallel and attends directly to any earlier
// position (Transformer.Attention).
//
// Sampling reshapes the next-token distribution before drawing from it:
// temperature p^(1/T), top-k, and top-p (nucleus) sampling (Holtzman et al.
// 2020). Generate records each token's probability for plots.HighlightedText.
//
// A Task trains any of the models with training.Run, the loop every model
// of the library shares (AdamW, gradient clipping, live progress, held-out
// evaluation, early stopping, checkpoints, a clean stop on cancellation
// that keeps the partly trained model). A model keeps its step count and
// optimizer, so a second Run continues the first.
//
// References: Y. Bengio, R. Ducharme, P. Vincent, C. Jauvin, "A Neural
// Probabilistic Language Model", JMLR 3 (2003); T. Mikolov et al.,
// "Recurrent neural network based language model", Interspeech 2010;
// R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of training
// recurrent neural networks", ICML 2013; A. Vaswani et al., "Attention Is
// All You Need", NeurIPS 2017; A. Radford et al., "Language Models are
// Unsupervised Multitask Learners", 2019; A. Holtzman et al., "The Curious
// Case of Neural Text Degeneration", ICLR 2020; A. Karpathy, nanoGPT.
//
// # Usage
//
// A character vocabulary, a small Transformer, training with a validation
// stream, the perplexity of held-out text, a sampled continuation:
//
//	v := lm.NewVocab(text, lm.Chars, 1)
//	m, err := lm.NewTransformer(v, lm.TransformerConfig{Block: 16, Dim: 16, Heads: 2, Layers: 1, Seed: 1})
//	task := &lm.Task{Model: m, Train: v.Encode(train), Val: v.Encode(val)}
//	hist, err := training.Run(ctx, task, training.Config{Steps: 200})
//	ppl := m.Perplexity(v.Encode(test))
//	plots.Display(m.Generate(v.Encode("the "), 20, lm.Sampling{Temperature: 0.8, Seed: 1}))
package lm
