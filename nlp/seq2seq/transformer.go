package seq2seq

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// TransformerConfig sizes a Transformer; zero fields take the defaults noted.
type TransformerConfig struct {
	Dim     int     // model width C; default 128
	Heads   int     // attention heads (must divide Dim); default 4
	Layers  int     // encoder layers and decoder layers (each); default 2
	FF      int     // hidden width of the feed-forward sublayer; default 4·Dim
	Dropout float64 // on embeddings and every sublayer's output; default 0
	Seed    uint64  // initialisation seed
}

// Transformer is the encoder–decoder of Vaswani et al. (2017) in the
// pre-norm arrangement (each sublayer reads LN(x) and adds to x):
//
//	encoder   x = E_src[x] + PE;   x += SelfAttn(LN x);  x += FF(LN x)   (× Layers)
//	decoder   y = E_tgt[y] + PE;   y += CausalSelfAttn(LN y)
//	                               y += CrossAttn(LN y, LN_enc x);  y += FF(LN y)   (× Layers)
//	output    P(yₜ | y<ₜ, x) = softmax(W_o LN(yₜ) + b)
//
// with sinusoidal positions PE, multi-head attention
// softmax(QKᵀ/√d)V (padding keys masked to −∞) and FF(x) = W₂ ReLU(W₁x).
// The cross-attention of the last decoder layer, averaged over heads, is
// the attention a Translation returns.
type Transformer struct {
	Src, Tgt *text.Vocab
	Config   TransformerConfig

	SrcEmb, TgtEmb *nn.Embedding
	Enc            []*encLayer
	Dec            []*decLayer
	EncLN, DecLN   *nn.LayerNorm
	Out            *nn.Linear

	drop *rand.Rand // non-nil while training with dropout
}

// mha is multi-head attention: queries from x, keys and values from mem.
type mha struct {
	Q, KV, Proj *nn.Linear
	heads       int
}

func newMHA(rng *rand.Rand, dim, heads int) *mha {
	return &mha{Q: nn.NewLinear(rng, dim, dim, true), KV: nn.NewLinear(rng, dim, 2*dim, true), Proj: nn.NewLinear(rng, dim, dim, true), heads: heads}
}

func (a *mha) Params() nn.Params { return nn.Collect("q", a.Q, "kv", a.KV, "proj", a.Proj) }

// forward attends from x (B, T, C) to mem (B, S, C). keyPad (B·S) marks
// padded keys; causal hides later positions (T = S). It returns the output
// (B, T, C) and the weights (B, heads, T, S).
func (a *mha) forward(x, mem *Tensor, keyPad []bool, causal bool) (y, w *Tensor) {
	B, T, C := x.Dim(0), x.Dim(1), x.Dim(2)
	S := mem.Dim(1)
	H := a.heads
	D := C / H
	heads := func(t *Tensor, n int) *Tensor { // (B, n, C) → (B, H, n, D)
		return ag.Transpose(ag.Reshape(t, B, n, H, D), 1, 2)
	}
	kv := ag.Split(a.KV.Forward(mem), -1, C, C)
	q, k, v := heads(a.Q.Forward(x), T), heads(kv[0], S), heads(kv[1], S)
	scores := ag.MatMulT(q, k) // (B, H, T, S)
	scale := float32(1 / math.Sqrt(float64(D)))
	if causal {
		w = ag.CausalSoftmax(scores, scale)
	} else {
		scores = ag.Scale(scores, scale)
		if keyPad != nil {
			mask := make([]bool, B*H*T*S)
			for b := range B {
				for i := range H * T {
					copy(mask[(b*H*T+i)*S:], keyPad[b*S:(b+1)*S])
				}
			}
			scores = ag.MaskedFill(scores, mask, float32(math.Inf(-1)))
		}
		w = ag.Softmax(scores)
	}
	y = ag.Reshape(ag.Transpose(ag.MatMul(w, v), 1, 2), B, T, C)
	return a.Proj.Forward(y), w
}

type ffn struct{ W1, W2 *nn.Linear }

func (f *ffn) forward(x *Tensor) *Tensor { return f.W2.Forward(ag.ReLU(f.W1.Forward(x))) }

type encLayer struct {
	LN1, LN2 *nn.LayerNorm
	Self     *mha
	FF       *ffn
}

type decLayer struct {
	LN1, LN2, LN3 *nn.LayerNorm
	Self, Cross   *mha
	FF            *ffn
}

// NewTransformer returns a Transformer with fresh weights for vocabularies
// made by BuildVocab.
func NewTransformer(src, tgt *text.Vocab, cfg TransformerConfig) (*Transformer, error) {
	if src == nil || tgt == nil {
		return nil, fmt.Errorf("seq2seq: nil vocabulary")
	}
	for _, v := range []*text.Vocab{src, tgt} {
		if v.Len() < 4 || v.Word(PadID) != Pad || v.Word(BOSID) != BOS || v.Word(EOSID) != EOS {
			return nil, fmt.Errorf("seq2seq: vocabulary lacks the special tokens (make it with seq2seq.BuildVocab)")
		}
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.Dim <= 0 {
		cfg.Dim = 128
	}
	if cfg.Heads <= 0 {
		cfg.Heads = 4
	}
	if cfg.Layers <= 0 {
		cfg.Layers = 2
	}
	if cfg.FF <= 0 {
		cfg.FF = 4 * cfg.Dim
	}
	if cfg.Dim%cfg.Heads != 0 {
		return nil, fmt.Errorf("seq2seq: %d heads do not divide dimension %d", cfg.Heads, cfg.Dim)
	}
	if cfg.Dropout < 0 || cfg.Dropout >= 1 {
		return nil, fmt.Errorf("seq2seq: dropout %g outside [0, 1)", cfg.Dropout)
	}
	C := cfg.Dim
	rng := nn.NewRand(cfg.Seed)
	m := &Transformer{Src: src, Tgt: tgt, Config: cfg,
		SrcEmb: nn.NewEmbedding(rng, src.Len(), C), TgtEmb: nn.NewEmbedding(rng, tgt.Len(), C),
		EncLN: nn.NewLayerNorm(C), DecLN: nn.NewLayerNorm(C)}
	ff := func() *ffn { return &ffn{nn.NewLinear(rng, C, cfg.FF, true), nn.NewLinear(rng, cfg.FF, C, true)} }
	for range cfg.Layers {
		m.Enc = append(m.Enc, &encLayer{LN1: nn.NewLayerNorm(C), LN2: nn.NewLayerNorm(C), Self: newMHA(rng, C, cfg.Heads), FF: ff()})
	}
	for range cfg.Layers {
		m.Dec = append(m.Dec, &decLayer{LN1: nn.NewLayerNorm(C), LN2: nn.NewLayerNorm(C), LN3: nn.NewLayerNorm(C),
			Self: newMHA(rng, C, cfg.Heads), Cross: newMHA(rng, C, cfg.Heads), FF: ff()})
	}
	m.Out = nn.NewLinear(rng, C, tgt.Len(), true)
	return m, nil
}

// Params returns every trainable tensor by name.
func (m *Transformer) Params() nn.Params {
	ps := nn.Collect("src_emb", m.SrcEmb, "tgt_emb", m.TgtEmb)
	for i, l := range m.Enc {
		ps = append(ps, nn.Prefix(fmt.Sprintf("enc.%d", i), nn.Collect("ln1", l.LN1, "self", l.Self, "ln2", l.LN2, "ff1", l.FF.W1, "ff2", l.FF.W2))...)
	}
	for i, l := range m.Dec {
		ps = append(ps, nn.Prefix(fmt.Sprintf("dec.%d", i), nn.Collect("ln1", l.LN1, "self", l.Self, "ln2", l.LN2, "cross", l.Cross,
			"ln3", l.LN3, "ff1", l.FF.W1, "ff2", l.FF.W2))...)
	}
	return append(ps, nn.Collect("enc_ln", m.EncLN, "dec_ln", m.DecLN, "out", m.Out)...)
}

// String names the model's architecture and size.
func (m *Transformer) String() string {
	c := m.Config
	return fmt.Sprintf("seq2seq Transformer encoder–decoder, %d+%d layers, C=%d, %d heads, FF=%d, vocab %d→%d, %d parameters",
		c.Layers, c.Layers, c.Dim, c.Heads, c.FF, m.Src.Len(), m.Tgt.Len(), m.Params().Count())
}

// positions returns the sinusoidal position encodings (T, C):
// PE[t, 2i] = sin(t/10000^(2i/C)), PE[t, 2i+1] = cos(…).
func positions(T, C int) *Tensor {
	pe := make([]float32, T*C)
	for t := range T {
		for i := 0; i < C; i += 2 {
			a := float64(t) / math.Pow(10000, float64(i)/float64(C))
			pe[t*C+i] = float32(math.Sin(a))
			if i+1 < C {
				pe[t*C+i+1] = float32(math.Cos(a))
			}
		}
	}
	return ag.FromSlice(pe, T, C)
}

func (m *Transformer) dropout(x *Tensor) *Tensor {
	if m.drop == nil || m.Config.Dropout == 0 {
		return x
	}
	return ag.Dropout(x, m.Config.Dropout, m.drop)
}

// encodeT runs the encoder over padded sources (B, S) and returns the
// memory (B, S, C) after the final LayerNorm and the padding mask (B·S).
func (m *Transformer) encodeT(src, srcLen []int, B, S int) (*Tensor, []bool) {
	pad := make([]bool, B*S)
	for i := range B {
		for s := srcLen[i]; s < S; s++ {
			pad[i*S+s] = true
		}
	}
	x := m.dropout(ag.Add(m.SrcEmb.Forward(src, B, S), positions(S, m.Config.Dim)))
	for _, l := range m.Enc {
		h := l.LN1.Forward(x)
		a, _ := l.Self.forward(h, h, pad, false)
		x = ag.Add(x, m.dropout(a))
		x = ag.Add(x, m.dropout(l.FF.forward(l.LN2.Forward(x))))
	}
	return m.EncLN.Forward(x), pad
}

// decodeT runs the decoder over target prefixes (B, T) against the memory
// and returns the logits (B, T, V) and the last layer's cross-attention
// weights (B, heads, T, S). With lastOnly, for decoding, the logits are
// those of each prefix's last position only, (B, 1, V): the output layer
// (C × |V|, the decoder's largest product) then runs on one row per prefix.
func (m *Transformer) decodeT(in []int, B, T int, mem *Tensor, pad []bool, lastOnly bool) (logits, cross *Tensor) {
	y := m.dropout(ag.Add(m.TgtEmb.Forward(in, B, T), positions(T, m.Config.Dim)))
	for _, l := range m.Dec {
		h := l.LN1.Forward(y)
		a, _ := l.Self.forward(h, h, nil, true)
		y = ag.Add(y, m.dropout(a))
		c, w := l.Cross.forward(l.LN2.Forward(y), mem, pad, false)
		cross = w
		y = ag.Add(y, m.dropout(c))
		y = ag.Add(y, m.dropout(l.FF.forward(l.LN3.Forward(y))))
	}
	h := m.DecLN.Forward(y)
	if lastOnly {
		C := m.Config.Dim
		last := make([]float32, B*C)
		for b := range B {
			copy(last[b*C:(b+1)*C], h.Data[(b*T+T-1)*C:(b*T+T)*C])
		}
		h = ag.FromSlice(last, B, 1, C)
	}
	return m.Out.Forward(h), cross
}

// Loss returns the mean cross-entropy of the batch's targets under teacher
// forcing; padding is ignored.
func (m *Transformer) Loss(b *Batch) *Tensor { return m.batchLoss(b, lossOpts{}) }

// batchLoss ignores o.freeRun: the decoder reads the whole reference
// prefix at once, so there is no step at which to feed its own predictions.
func (m *Transformer) batchLoss(b *Batch, o lossOpts) *Tensor {
	mem, pad := m.encodeT(b.Src, b.SrcLen, b.B, b.S)
	logits, _ := m.decodeT(b.TgtIn, b.B, b.T, mem, pad, false)
	return smoothedCrossEntropy(ag.Reshape(logits, b.B*b.T, m.Tgt.Len()), b.TgtOut, o.smoothing)
}

func (m *Transformer) setTraining(on bool, rng *rand.Rand) {
	m.drop = nil
	if on {
		m.drop = rng
	}
}

func (m *Transformer) title() string {
	return fmt.Sprintf("Transformer %d+%d×%d", m.Config.Layers, m.Config.Layers, m.Config.Dim)
}

func (m *Transformer) vocabs() (src, tgt *text.Vocab) { return m.Src, m.Tgt }

// Perplexity returns exp of the mean cross-entropy per target token.
func (m *Transformer) Perplexity(pairs []Pair) float64 {
	return math.Exp(meanLoss(m, Batches(pairs, 64, m.Src, m.Tgt, nil)))
}

// Translate decodes every source greedily in one padded batch (see
// Model.Translate).
func (m *Transformer) Translate(srcs [][]string, maxLen int) []*Translation {
	return greedy(m, srcs, maxLen, false)
}

// Greedy decodes one source sentence greedily.
func (m *Transformer) Greedy(src []string, maxLen int) *Translation {
	return m.Translate([][]string{src}, maxLen)[0]
}

// Beam decodes src with beam search (see BeamConfig).
func (m *Transformer) Beam(src []string, cfg BeamConfig) []*Translation { return beam(m, src, cfg) }

// Sample draws a translation word by word (see Model.Sample).
func (m *Transformer) Sample(src []string, rng *rand.Rand, cfg SampleConfig) *Translation {
	return sample(m, src, rng, cfg)
}

// Evaluate scores translations of pairs with BLEU and chrF (see
// Model.Evaluate).
func (m *Transformer) Evaluate(ctx context.Context, pairs []Pair, cfg BeamConfig) (*Report, error) {
	return evaluate(ctx, m, pairs, cfg)
}

// transformerDecoder re-runs the decoder over each row's whole prefix at
// every step (no key/value cache: outputs are short).
type transformerDecoder struct {
	m      *Transformer
	mem    *Tensor // (rows, S, C)
	pad    []bool  // (rows·S)
	S      int
	prefix [][]int
}

func (m *Transformer) start(srcs [][]string) (decoder, []int, int) {
	ids, lens, S := encodeSources(m.Src, srcs)
	mem, pad := m.encodeT(ids, lens, len(srcs), S)
	return &transformerDecoder{m: m, mem: mem, pad: pad, S: S, prefix: make([][]int, len(srcs))}, lens, S
}

func (d *transformerDecoder) step(yPrev []int) (logits, alpha []float32) {
	B := len(d.prefix)
	for i := range d.prefix {
		d.prefix[i] = append(d.prefix[i], yPrev[i])
	}
	T := len(d.prefix[0])
	in := make([]int, 0, B*T)
	for _, p := range d.prefix {
		in = append(in, p...)
	}
	out, cross := d.m.decodeT(in, B, T, d.mem, d.pad, true)
	V, S, H := d.m.Tgt.Len(), d.S, d.m.Config.Heads
	logits = make([]float32, B*V)
	alpha = make([]float32, B*S)
	for b := range B {
		copy(logits[b*V:], out.Data[b*V:(b+1)*V])
		for h := range H {
			w := cross.Data[((b*H+h)*T+T-1)*S:]
			for j := range S {
				alpha[b*S+j] += w[j] / float32(H)
			}
		}
	}
	return logits, alpha
}

func (d *transformerDecoder) keep(from []int) {
	prefix := make([][]int, len(from))
	var pad []bool
	for i, r := range from {
		prefix[i] = append([]int(nil), d.prefix[r]...)
		pad = append(pad, d.pad[r*d.S:(r+1)*d.S]...)
	}
	d.prefix, d.pad, d.mem = prefix, pad, gatherRows(d.mem, from)
}
