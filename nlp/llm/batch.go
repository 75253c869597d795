package llm

import (
	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// A packed batch holds B prompt+response sequences right-padded to T
// tokens. Causal attention never lets a position read the padding after
// it, so padding changes nothing before the end of each sequence.
type packed struct {
	x    []int // (B, T) flat
	B, T int
	// rows[i] are the flat positions b·T + t whose output predicts a
	// response token (t = start−1 … end−2), next[i] that token; seqOf[i]
	// the sequence it belongs to.
	rows, next, seqOf []int
	last              []int // flat position of each sequence's last token
	lens              []int // response tokens per sequence
}

// pack fits every (prompt, response) into the model's block and pads them.
func (m *Model) pack(prompts, responses [][]int) (*packed, error) {
	p := &packed{B: len(prompts)}
	seqs := make([][]int, p.B)
	starts := make([]int, p.B)
	for i := range prompts {
		s, st, err := m.fit(prompts[i], responses[i])
		if err != nil {
			return nil, err
		}
		seqs[i], starts[i] = s, st
		p.T = max(p.T, len(s))
	}
	p.x = make([]int, p.B*p.T)
	for b, s := range seqs {
		copy(p.x[b*p.T:], s)
		for t := starts[b]; t < len(s); t++ {
			p.rows = append(p.rows, b*p.T+t-1)
			p.next = append(p.next, s[t])
			p.seqOf = append(p.seqOf, b)
		}
		p.last = append(p.last, b*p.T+len(s)-1)
		p.lens = append(p.lens, len(s)-starts[b])
	}
	return p, nil
}

// tokenLogp returns log π(y_t | …) of every response token, (n, 1) in
// the order of p.rows, from the hidden states h (B, T, C).
func (m *Model) tokenLogp(p *packed, h *nn.Tensor) (logp, logits *nn.Tensor) {
	logits = m.LM.Head.Forward(h)                        // (B, T, V)
	V := logits.Dim(2)                                   //
	lsm := ag.Reshape(ag.LogSoftmax(logits), p.B*p.T, V) // (B·T, V)
	idx := make([]int, p.B*p.T)                          // the next token at each row (0 where unused)
	for i, r := range p.rows {                           //
		idx[r] = p.next[i] //
	} //
	all := ag.Reshape(ag.Gather(lsm, idx), p.B*p.T, 1) // (B·T, 1)
	return ag.Embedding(all, p.rows), logits           // (n, 1): the response rows only
}

// seqSum adds per-token values (n, 1) into one per sequence, (B, 1), by a
// product with the 0/1 matrix S (B, n) that says which sequence each
// token is in.
func (p *packed) seqSum(tok *nn.Tensor) *nn.Tensor {
	n := len(p.rows)
	S := make([]float32, p.B*n)
	for i, b := range p.seqOf {
		S[b*n+i] = 1
	}
	return ag.MatMul(ag.FromSlice(S, p.B, n), tok) // (B, 1)
}

// seqLogp is log π(y | x) = Σ_t log π(y_t | x, y_<t) for every sequence,
// (B, 1), with gradient.
func (m *Model) seqLogp(prompts, responses [][]int) (*nn.Tensor, error) {
	p, err := m.pack(prompts, responses)
	if err != nil {
		return nil, err
	}
	lp, _ := m.tokenLogp(p, m.Hidden(p.x, p.B, p.T))
	return p.seqSum(lp), nil
}

// floats copies a tensor's data into float64.
func floats(t *nn.Tensor) []float64 {
	out := make([]float64, len(t.Data))
	for i, v := range t.Data {
		out[i] = float64(v)
	}
	return out
}
