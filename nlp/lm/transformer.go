package lm

import (
	"fmt"
	"math"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// TransformerConfig sizes a Transformer model; zero fields take the
// default noted: 4 layers, 4 heads, 128-d, block 64, the model nanoGPT's
// README trains on a CPU (its "baby GPT" for Shakespeare is 6 layers,
// 6 heads, 384-d, block 256).
type TransformerConfig struct {
	Block  int // context length (positions); default 64
	Dim    int // model width C; default 128
	Heads  int // attention heads; default 4
	Layers int // Transformer blocks; default 4
	Seed   uint64
}

func (c TransformerConfig) withDefaults() TransformerConfig {
	if c.Block <= 0 {
		c.Block = 64
	}
	if c.Dim <= 0 {
		c.Dim = 128
	}
	if c.Heads <= 0 {
		c.Heads = 4
	}
	if c.Layers <= 0 {
		c.Layers = 4
	}
	return c
}

// Transformer is a decoder-only (GPT) language model: token plus learned
// position embeddings, Layers pre-norm blocks of causal self-attention and
// an MLP (nn.Block), a final LayerNorm and a linear head:
//
//	x_0 = e(w_t) + p_t                        (T, C)
//	x_l = Block_l(x_{l−1})                    x += Attn(LN(x)); x += MLP(LN(x))
//	P(w_{t+1} | w_{≤t}) = softmax(LN(x_L)_t · U)
//
// Each position attends only to itself and earlier positions within the
// last Block tokens (Vaswani et al. 2017; Radford et al. 2018, 2019).
type Transformer struct {
	base
	Cfg    TransformerConfig
	WTE    *nn.Embedding // token embeddings (V, C)
	WPE    *nn.Embedding // position embeddings (Block, C)
	Blocks []*nn.Block
	LN     *nn.LayerNorm
	Head   *nn.Linear // C → V, no bias
	pos    []int
}

// NewTransformer returns an untrained Transformer over v.
func NewTransformer(v *Vocab, cfg TransformerConfig) (*Transformer, error) {
	if v == nil || v.Len() < 2 {
		return nil, fmt.Errorf("lm: vocabulary needs at least 2 tokens")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	rng := nn.NewRand(cfg.Seed)
	m := &Transformer{Cfg: cfg, WTE: nn.NewEmbedding(rng, v.Len(), cfg.Dim), WPE: nn.NewEmbedding(rng, cfg.Block, cfg.Dim),
		LN: nn.NewLayerNorm(cfg.Dim), Head: nn.NewLinear(rng, cfg.Dim, v.Len(), false)}
	for range cfg.Layers {
		b, err := nn.NewBlock(rng, cfg.Dim, cfg.Heads)
		if err != nil {
			return nil, fmt.Errorf("lm: %w", err)
		}
		m.Blocks = append(m.Blocks, b)
	}
	for t := range cfg.Block {
		m.pos = append(m.pos, t)
	}
	m.base = base{vocab: v, net: m, kind: "transformer", rng: nn.NewRand(cfg.Seed + 1)}
	return m, nil
}

// Name says e.g. "Transformer (4×128)".
func (m *Transformer) Name() string {
	return fmt.Sprintf("Transformer (%d×%d)", m.Cfg.Layers, m.Cfg.Dim)
}

// Params names the parameters like nanoGPT: "wte", "wpe", "blocks.i.*",
// "ln", "head".
func (m *Transformer) Params() nn.Params {
	ps := nn.Collect("wte", m.WTE, "wpe", m.WPE)
	for i, b := range m.Blocks {
		ps = append(ps, nn.Prefix(fmt.Sprintf("blocks.%d", i), b.Params())...)
	}
	return append(ps, nn.Collect("ln", m.LN, "head", m.Head)...)
}

// Forward returns the logits (B, T, V) for B sequences of T ids each,
// given as one flat slice of B·T ids in the vocabulary. T is at most Block,
// the context the model has position embeddings for: a longer input is an
// error (keep its last Block ids to predict what follows it).
func (m *Transformer) Forward(ids []int, B, T int) (*nn.Tensor, error) {
	switch {
	case B < 1 || T < 1:
		return nil, fmt.Errorf("lm: Forward: B=%d sequences of T=%d ids: both must be at least 1", B, T)
	case T > m.Cfg.Block:
		return nil, fmt.Errorf("lm: Forward: T=%d positions, but the model's context (Block) is %d: it has no position embedding past %d", T, m.Cfg.Block, m.Cfg.Block-1)
	case len(ids) != B*T:
		return nil, fmt.Errorf("lm: Forward: %d ids for B=%d sequences of T=%d (want B·T = %d)", len(ids), B, T, B*T)
	}
	V := m.WTE.W.Dim(0)
	for i, id := range ids {
		if id < 0 || id >= V {
			return nil, fmt.Errorf("lm: Forward: id %d at index %d is outside the vocabulary of %d", id, i, V)
		}
	}
	return m.forward(ids, B, T), nil
}

// forward is Forward on input known to be valid.
func (m *Transformer) forward(ids []int, B, T int) *nn.Tensor {
	tok := m.WTE.Forward(ids, B, T)    // (B, T, C)
	pos := m.WPE.Forward(m.pos[:T], T) // (T, C)
	h := ag.Add(tok, pos)              // (B, T, C)
	for _, b := range m.Blocks {
		h = b.Forward(h)
	}
	return m.Head.Forward(m.LN.Forward(h)) // (B, T, V)
}

// batchLoss trains on B random windows of the model's full Block (T is
// ignored: every position embedding must be trained).
func (m *Transformer) batchLoss(rng *rand.Rand, ids []int, B, _ int) *nn.Tensor {
	T := min(m.Cfg.Block, len(ids)-1)
	x, y := make([]int, B*T), make([]int, B*T)
	for b := range B {
		i := rng.IntN(len(ids) - T)
		copy(x[b*T:(b+1)*T], ids[i:i+T])
		copy(y[b*T:(b+1)*T], ids[i+1:i+T+1])
	}
	return ag.CrossEntropy(m.forward(x, B, T), y)
}

// logProbs slides windows of Block tokens with a stride of Block/2: the
// first window scores all its positions, later ones only their second
// half, so every token is predicted from at least Block/2 (and at most
// Block−1) previous tokens.
func (m *Transformer) logProbs(ids []int) []float64 {
	ids = clampIDs(ids, m.vocab.Len())
	n := len(ids) - 1
	out := make([]float64, n)
	T := m.Cfg.Block
	if n <= T {
		m.scoreWindows(ids, []int{0}, n, 0, out)
		return out
	}
	half := T / 2
	var starts []int
	for s := 0; ; s += half {
		if s+T >= n {
			starts = append(starts, n-T)
			break
		}
		starts = append(starts, s)
	}
	const batch = 16
	for i := 0; i < len(starts); i += batch {
		m.scoreWindows(ids, starts[i:min(i+batch, len(starts))], T, half, out)
	}
	return out
}

// scoreWindows predicts ids[s+1 … s+T] for each start s and writes the
// log-probabilities of positions not already scored into out.
func (m *Transformer) scoreWindows(ids []int, starts []int, T, half int, out []float64) {
	B := len(starts)
	x := make([]int, 0, B*T)
	for _, s := range starts {
		x = append(x, ids[s:s+T]...)
	}
	ag.NoGrad(func() {
		logits := m.forward(x, B, T)
		V := logits.Dim(2)
		for b, s := range starts {
			from := half
			if s == 0 {
				from = 0
			}
			for t := from; t < T; t++ {
				r := b*T + t
				out[s+t] = nn.LogSoftmax(logits.Data[r*V : (r+1)*V])[ids[s+t+1]]
			}
		}
		logits.Release()
	})
}

func (m *Transformer) resetTrainState() {}

type transformerDecoder struct {
	m    *Transformer
	hist []int
	// keys and values of every position in hist, per layer ((len(hist), C)
	// flat), while hist starts at position 0; nil once the window has slid.
	keys, vals [][]float32
}

func (m *Transformer) decoder() decoder {
	d := &transformerDecoder{m: m, keys: make([][]float32, len(m.Blocks)), vals: make([][]float32, len(m.Blocks))}
	return d
}

// feed returns the next-token distribution after the tokens fed so far.
// While they fit in the context (Block tokens) each one is run through the
// model once, attending to the keys and values the earlier ones left (a
// key/value cache); once the window slides every position moves, so the
// last Block tokens are run again in full, as Forward would.
func (d *transformerDecoder) feed(tok int) []float64 {
	d.hist = append(d.hist, tok)
	if len(d.hist) > d.m.Cfg.Block {
		d.hist = d.hist[len(d.hist)-d.m.Cfg.Block:]
		d.keys = nil
	}
	var p []float64
	ag.NoGrad(func() {
		if d.keys != nil {
			p = d.step(tok, len(d.hist)-1)
			return
		}
		T := len(d.hist)
		logits := d.m.forward(d.hist, 1, T)
		V := logits.Dim(2)
		p = softmax64(logits.Data[(T-1)*V:])
		logits.Release()
	})
	return p
}

// step runs token tok at position t through the model, with the cached
// keys and values of positions 0 … t−1, and caches its own.
func (d *transformerDecoder) step(tok, t int) []float64 {
	m := d.m
	C, H := m.Cfg.Dim, m.Cfg.Heads
	D := C / H
	scale := float32(1 / math.Sqrt(float64(D)))
	x := ag.Add(m.WTE.Forward([]int{tok}, 1, 1), m.WPE.Forward(m.pos[t:t+1], 1)) // (1, 1, C)
	y := make([]float32, C)
	w := make([]float32, t+1)
	for l, b := range m.Blocks {
		qkv := b.Attn.QKV.Forward(b.LN1.Forward(x)).Data // (3C): q | k | v
		d.keys[l] = append(d.keys[l], qkv[C:2*C]...)
		d.vals[l] = append(d.vals[l], qkv[2*C:]...)
		ks, vs := d.keys[l], d.vals[l]
		for h := range H {
			q := qkv[h*D : (h+1)*D]
			mx := float32(math.Inf(-1))
			for j := 0; j <= t; j++ {
				var s float32
				for i, qi := range q {
					s += qi * ks[j*C+h*D+i]
				}
				w[j] = s * scale
				mx = max(mx, w[j])
			}
			var z float32
			for j := range w {
				w[j] = float32(math.Exp(float64(w[j] - mx)))
				z += w[j]
			}
			yh := y[h*D : (h+1)*D]
			clear(yh)
			for j, wj := range w {
				wj /= z
				for i := range yh {
					yh[i] += wj * vs[j*C+h*D+i]
				}
			}
		}
		x = ag.Add(x, b.Attn.Proj.Forward(ag.FromSlice(y, 1, 1, C)))
		x = ag.Add(x, b.FC2.Forward(ag.GELU(b.FC.Forward(b.LN2.Forward(x)))))
	}
	logits := m.Head.Forward(m.LN.Forward(x))
	p := softmax64(logits.Data)
	logits.Release()
	return p
}

// Attention returns the attention weights of one head of one layer when
// the model reads ids (at most Block tokens; longer inputs keep the last
// Block): row i is the distribution over positions j ≤ i that position i
// attends to, softmax(q_i·k_j/√D) with the causal mask.
func (m *Transformer) Attention(ids []int, layer, head int) ([][]float64, error) {
	if layer < 0 || layer >= len(m.Blocks) || head < 0 || head >= m.Cfg.Heads {
		return nil, fmt.Errorf("lm: no layer %d head %d (model has %d layers, %d heads)", layer, head, len(m.Blocks), m.Cfg.Heads)
	}
	ids = clampIDs(ids, m.vocab.Len())
	if len(ids) > m.Cfg.Block {
		ids = ids[len(ids)-m.Cfg.Block:]
	}
	T, C, H := len(ids), m.Cfg.Dim, m.Cfg.Heads
	D := C / H
	if T == 0 {
		return nil, fmt.Errorf("lm: no tokens")
	}
	var att [][]float64
	ag.NoGrad(func() {
		h := ag.Add(m.WTE.Forward(ids, 1, T), m.WPE.Forward(m.pos[:T], T))
		for _, b := range m.Blocks[:layer] {
			h = b.Forward(h)
		}
		blk := m.Blocks[layer]
		qkv := blk.Attn.QKV.Forward(blk.LN1.Forward(h)) // (1, T, 3C)
		att = make([][]float64, T)
		for i := range T {
			att[i] = make([]float64, T)
			qi := qkv.Data[i*3*C+head*D : i*3*C+head*D+D]
			mx := math.Inf(-1)
			for j := 0; j <= i; j++ {
				kj := qkv.Data[j*3*C+C+head*D : j*3*C+C+head*D+D]
				var s float64
				for d := range D {
					s += float64(qi[d]) * float64(kj[d])
				}
				att[i][j] = s / math.Sqrt(float64(D))
				mx = max(mx, att[i][j])
			}
			var z float64
			for j := 0; j <= i; j++ {
				att[i][j] = math.Exp(att[i][j] - mx)
				z += att[i][j]
			}
			for j := 0; j <= i; j++ {
				att[i][j] /= z
			}
		}
		qkv.Release()
	})
	return att, nil
}
