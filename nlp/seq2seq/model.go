package seq2seq

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// Tensor is the float32 tensor of package nn.
type Tensor = nn.Tensor

// Attention selects how the decoder looks at the encoder's states.
type Attention int

const (
	// NoAttention is the plain encoder–decoder (Cho et al. 2014; Sutskever et
	// al. 2014): the whole source is squeezed into the encoder's last state c,
	// which starts the decoder and is fed to it at every step.
	NoAttention Attention = iota
	// Additive is Bahdanau et al.'s (2015) attention: before step t the
	// previous decoder state s scores every encoder state hⱼ by vᵀtanh(W·s + U·hⱼ).
	Additive
	// Multiplicative is Luong et al.'s (2015) "general" attention: after step
	// t the new state s scores hⱼ by sᵀ·W·hⱼ; the attentional state h̃ is fed
	// to the next step (input feeding).
	Multiplicative
)

func (a Attention) String() string {
	switch a {
	case NoAttention:
		return "none"
	case Additive:
		return "additive (Bahdanau)"
	case Multiplicative:
		return "multiplicative (Luong)"
	}
	return fmt.Sprintf("Attention(%d)", int(a))
}

// Config sizes a model; zero fields take the defaults noted.
type Config struct {
	Embed     int // word embedding size; default 64
	Hidden    int // GRU state size H; default 128
	Attention Attention
	// Dropout zeroes this fraction of the embeddings and of h̃ during
	// training (Srivastava et al. 2014); 0 means none.
	Dropout float64
	Seed    uint64 // initialisation seed; the same seed gives the same model
}

// Model is a GRU encoder–decoder:
//
//	encoder   hⱼ = GRU(E_src[xⱼ], hⱼ₋₁)                     j = 1 … n
//	decoder   sₜ = GRU([E_tgt[yₜ₋₁]; fₜ], sₜ₋₁),  s₀ = hₙ
//	context   cₜ = Σⱼ αₜⱼ hⱼ  (attention) or hₙ (none)
//	output    h̃ₜ = tanh(W_c [sₜ; cₜ]),  P(yₜ | y<ₜ, x) = softmax(W_o h̃ₜ + b_o)
//
// where the extra input fₜ is cₜ (none, additive) or h̃ₜ₋₁ (multiplicative).
type Model struct {
	Src, Tgt *text.Vocab
	Config   Config

	SrcEmb, TgtEmb *nn.Embedding
	Enc, Dec       *nn.GRUCell
	Wa             *nn.Linear // attention query: H → A (additive) or H → H (multiplicative)
	Ua, Va         *nn.Linear // additive attention: keys H → A, scores A → 1
	Comb           *nn.Linear // [s; c] (2H) → H
	Out            *nn.Linear // H → |V_tgt|

	drop *rand.Rand // non-nil while training with dropout
}

// New returns a model with fresh weights for the given vocabularies, which
// must have been made by BuildVocab (special tokens at ids 0–3).
func New(src, tgt *text.Vocab, cfg Config) (*Model, error) {
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
	if cfg.Embed <= 0 {
		cfg.Embed = 64
	}
	if cfg.Hidden <= 0 {
		cfg.Hidden = 128
	}
	E, H := cfg.Embed, cfg.Hidden
	rng := nn.NewRand(cfg.Seed)
	m := &Model{Src: src, Tgt: tgt, Config: cfg}
	m.SrcEmb = nn.NewEmbedding(rng, src.Len(), E)
	m.TgtEmb = nn.NewEmbedding(rng, tgt.Len(), E)
	m.Enc = nn.NewGRUCell(rng, E, H)
	m.Dec = nn.NewGRUCell(rng, E+H, H)
	switch cfg.Attention {
	case Additive:
		m.Wa = nn.NewLinear(rng, H, H, false)
		m.Ua = nn.NewLinear(rng, H, H, true)
		m.Va = nn.NewLinear(rng, H, 1, false)
	case Multiplicative:
		m.Wa = nn.NewLinear(rng, H, H, false)
	}
	m.Comb = nn.NewLinear(rng, 2*H, H, true)
	m.Out = nn.NewLinear(rng, H, tgt.Len(), true)
	return m, nil
}

// Params returns every trainable tensor by name.
func (m *Model) Params() nn.Params {
	ps := nn.Collect("src_emb", m.SrcEmb, "tgt_emb", m.TgtEmb, "enc", m.Enc, "dec", m.Dec)
	if m.Wa != nil {
		ps = append(ps, nn.Collect("attn.w", m.Wa)...)
	}
	if m.Ua != nil {
		ps = append(ps, nn.Collect("attn.u", m.Ua, "attn.v", m.Va)...)
	}
	return append(ps, nn.Collect("comb", m.Comb, "out", m.Out)...)
}

// encoded is what the decoder needs from the encoder.
type encoded struct {
	B, S  int
	enc   *Tensor // (B, S, H) every encoder state
	keys  *Tensor // (B, S, H) U·hⱼ for additive attention, else nil
	final *Tensor // (B, H) state after each sentence's last real token
	pad   []bool  // (B·S) true at padding, masked out of attention
}

// encode runs the encoder GRU over a batch of padded sources. At a padded
// position the state is carried over unchanged, h ← h + m⊙(GRU(x, h) − h)
// with m = 0, so the final state is the one after the last real token.
func (m *Model) encode(src, srcLen []int, B, S int) *encoded {
	H := m.Config.Hidden
	e := &encoded{B: B, S: S, pad: make([]bool, B*S)}
	h := autograd.Zeros[float32](B, H)
	ids := make([]int, B)
	states := make([]*Tensor, S)
	for s := range S {
		padded := false
		keep := make([]float32, B)
		for i := range B {
			ids[i] = src[i*S+s]
			if s < srcLen[i] {
				keep[i] = 1
			} else {
				e.pad[i*S+s], padded = true, true
			}
		}
		hn := m.Enc.Step(m.dropout(m.SrcEmb.Forward(ids)), h) // (B, H)
		if padded {
			hn = autograd.Add(h, autograd.Mul(autograd.FromSlice(keep, B, 1), autograd.Sub(hn, h)))
		}
		h = hn
		states[s] = autograd.Reshape(h, B, 1, H)
	}
	e.final = h
	if S == 1 {
		e.enc = states[0]
	} else {
		e.enc = autograd.Concat(1, states...) // (B, S, H)
	}
	if m.Ua != nil {
		e.keys = m.Ua.Forward(e.enc)
	}
	return e
}

// state is the decoder's recurrent state: s and the extra input f.
type state struct {
	s, f *Tensor // (B, H)
}

func (m *Model) initState(e *encoded) state {
	f := e.final
	if m.Config.Attention == Multiplicative {
		f = autograd.Zeros[float32](e.B, m.Config.Hidden)
	}
	return state{s: e.final, f: f}
}

// attend returns the attention weights α (B, 1, S) of query q (B, H) over the
// encoder states and the context c = α·h (B, H).
func (m *Model) attend(e *encoded, q *Tensor) (alpha, c *Tensor) {
	B, S, H := e.B, e.S, m.Config.Hidden
	var scores *Tensor // (B, 1, S)
	if m.Config.Attention == Additive {
		wq := autograd.Reshape(m.Wa.Forward(q), B, 1, H)    // (B, 1, A)
		u := autograd.Tanh(autograd.Add(e.keys, wq))        // (B, S, A)
		scores = autograd.Reshape(m.Va.Forward(u), B, 1, S) // vᵀ tanh(W s + U hⱼ)
	} else {
		scores = autograd.MatMulT(autograd.Reshape(m.Wa.Forward(q), B, 1, H), e.enc) // (W s)·hⱼ
	}
	scores = autograd.MaskedFill(scores, e.pad, float32(math.Inf(-1)))
	alpha = autograd.Softmax(scores)
	c = autograd.Reshape(autograd.MatMul(alpha, e.enc), B, H)
	return alpha, c
}

// step runs one decoder step from the previous words yPrev (B) and returns
// the logits (B, |V|), the new state and the attention weights (nil without
// attention).
func (m *Model) step(e *encoded, st state, yPrev []int) (logits *Tensor, next state, alpha *Tensor) {
	x := m.dropout(m.TgtEmb.Forward(yPrev)) // (B, E)
	var s, c *Tensor
	switch m.Config.Attention {
	case NoAttention:
		s = m.Dec.Step(autograd.Concat(1, x, st.f), st.s)
		c = e.final
	case Additive:
		alpha, c = m.attend(e, st.s)
		s = m.Dec.Step(autograd.Concat(1, x, c), st.s)
	case Multiplicative:
		s = m.Dec.Step(autograd.Concat(1, x, st.f), st.s)
		alpha, c = m.attend(e, s)
	}
	ht := autograd.Tanh(m.Comb.Forward(autograd.Concat(1, s, c))) // h̃ (B, H)
	next = state{s: s, f: c}
	if m.Config.Attention == Multiplicative {
		next.f = ht
	}
	return m.Out.Forward(m.dropout(ht)), next, alpha
}

// dropout applies the model's dropout while training.
func (m *Model) dropout(x *Tensor) *Tensor {
	if m.drop == nil || m.Config.Dropout == 0 {
		return x
	}
	return autograd.Dropout(x, m.Config.Dropout, m.drop)
}

func (m *Model) setTraining(on bool, rng *rand.Rand) {
	m.drop = nil
	if on {
		m.drop = rng
	}
}

func (m *Model) title() string { return fmt.Sprintf("seq2seq, attention %v", m.Config.Attention) }

func (m *Model) batchLoss(b *Batch, o lossOpts) *Tensor { return m.loss(b, o) }

// Loss returns the mean cross-entropy of the batch's targets under teacher
// forcing: the decoder reads the reference words yₜ₋₁, whatever it would
// have predicted. Padding positions are ignored.
func (m *Model) Loss(b *Batch) *Tensor {
	return m.loss(b, lossOpts{})
}

// loss is Loss with scheduled sampling (with probability o.freeRun a row's
// next input is the model's own argmax instead of the reference word) and
// label smoothing o.smoothing.
func (m *Model) loss(b *Batch, o lossOpts) *Tensor {
	e := m.encode(b.Src, b.SrcLen, b.B, b.S)
	st := m.initState(e)
	logits := make([]*Tensor, b.T)
	targets := make([]int, b.B*b.T)
	yPrev := make([]int, b.B)
	for t := range b.T {
		for i := range b.B {
			yPrev[i] = b.TgtIn[i*b.T+t]
			if t > 0 && o.freeRun > 0 && o.coin() < o.freeRun && b.TgtIn[i*b.T+t] != PadID {
				yPrev[i] = argmax(logits[t-1].Data[i*m.Tgt.Len() : (i+1)*m.Tgt.Len()])
			}
			targets[t*b.B+i] = b.TgtOut[i*b.T+t]
		}
		logits[t], st, _ = m.step(e, st, yPrev)
	}
	all := logits[0]
	if b.T > 1 {
		all = autograd.Concat(0, logits...) // (T·B, V), time-major like targets
	}
	return smoothedCrossEntropy(all, targets, o.smoothing)
}

func argmax(xs []float32) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}

func (m *Model) vocabs() (src, tgt *text.Vocab) { return m.Src, m.Tgt }

// gruDecoder decodes with the GRU decoder, one row per prefix.
type gruDecoder struct {
	m  *Model
	e  *encoded // one row per decoder row
	st state
}

func (m *Model) start(srcs [][]string) (decoder, []int, int) {
	ids, lens, S := encodeSources(m.Src, srcs)
	e := m.encode(ids, lens, len(srcs), S)
	return &gruDecoder{m: m, e: e, st: m.initState(e)}, lens, S
}

func (d *gruDecoder) step(yPrev []int) (logits, alpha []float32) {
	l, next, a := d.m.step(d.e, d.st, yPrev)
	d.st = next
	if a != nil {
		alpha = a.Data
	}
	return l.Data, alpha
}

func (d *gruDecoder) keep(from []int) {
	e := d.e
	r := &encoded{B: len(from), S: e.S, enc: gatherRows(e.enc, from), keys: gatherRows(e.keys, from), final: gatherRows(e.final, from)}
	for _, i := range from {
		r.pad = append(r.pad, e.pad[i*e.S:(i+1)*e.S]...)
	}
	d.e = r
	d.st = state{s: gatherRows(d.st.s, from), f: gatherRows(d.st.f, from)}
}
