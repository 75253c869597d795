// Package nn builds neural networks from package autograd: layers
// (Linear, Embedding, LayerNorm, RNN, GRU and LSTM cells, multi-head causal
// self-attention, the pre-norm Transformer block), a registry of named
// parameters with Save and Load, optimizers (SGD with momentum, Adam,
// AdamW), learning-rate schedules, and teaching hooks: gradient-norm
// statistics per layer (GradStats) and NaN/Inf detection (CheckFinite).
//
// # The math in brief
//
//	Linear        y = x·W + b
//	LayerNorm     y = γ ⊙ (x − μ)/√(σ² + ε) + β           over the features
//	Attention     softmax(mask(Q·Kᵀ/√d))·V, per head       Vaswani et al. 2017
//	Block         x += Attn(LN(x));  x += MLP(LN(x))       GPT-2 (Radford et al. 2019)
//	GRU, LSTM     gated recurrences                        Cho et al. 2014; Hochreiter & Schmidhuber 1997
//	Adam          θ −= η·m̂/(√v̂ + ε)                        Kingma & Ba 2015
//	AdamW         Adam plus θ −= ηλθ, decoupled             Loshchilov & Hutter 2019
//
// Initialisation follows PyTorch's defaults and draws from a seeded
// random source (NewRand), so the same seed gives the same model. Layers
// are float32; the ops they are made of are gradient-checked in float64 in
// package autograd. Parameter names follow PyTorch's module paths
// ("blocks.0.attn.qkv.weight"); weights are stored (in, out), transposed
// relative to PyTorch.
//
// nlp/nn/internal/babygpt holds nanoGPT's "baby" character-level GPT,
// the benchmark against PyTorch (bench.sh there runs both).
//
// # Usage
//
// A layer, its named parameters, an optimizer and one training step on a
// batch x (B × 2) with class targets:
//
//	rng := nn.NewRand(1)
//	fc := nn.NewLinear(rng, 2, 2, true)
//	params := nn.Collect("fc", fc)
//	opt, err := nn.NewAdamW(params, nn.AdamConfig{LR: 1e-2})
//	loss := autograd.CrossEntropy(fc.Forward(x), targets)
//	opt.ZeroGrad()
//	loss.Backward()
//	opt.Step()
//	loss.Release()
package nn
