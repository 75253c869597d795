package seq2seq

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/plots"
)

// A Translation is a decoded target sentence with its score and, for models
// with attention, the attention weights of every output step.
type Translation struct {
	Src     []string // the source tokens
	Tokens  []string // the output, without </s>
	IDs     []int    // target ids, </s> included when it was produced
	LogProb float64  // Σ log P(yₜ | y<ₜ, x) over IDs
	Score   float64  // the beam's ranking score: LogProb / len(IDs)^α
	// Attention[t][j] is the weight of source token j at output step t
	// (one row per id in IDs); nil without attention.
	Attention [][]float64
}

var _ plots.Renderer = (*Translation)(nil)

// String returns the output sentence.
func (t *Translation) String() string { return Join(t.Tokens) }

// Heatmap draws the attention weights: output tokens (with </s>) down,
// source tokens across. It returns nil without attention.
func (t *Translation) Heatmap() *plots.Heatmap {
	if t.Attention == nil {
		return nil
	}
	rows := slices.Clone(t.Tokens)
	if len(t.IDs) > len(t.Tokens) {
		rows = append(rows, EOS)
	}
	h := plots.NewHeatmap("attention: "+Join(t.Src), t.Attention, rows, t.Src)
	h.XLabel, h.YLabel = "source", "output"
	return h
}

// Render shows the attention heatmap, or the sentence without attention.
func (t *Translation) Render() plots.Bundle {
	if hm := t.Heatmap(); hm != nil {
		b := hm.Render()
		b[plots.MIMEText] = fmt.Sprintf("%s\n(log P = %.3f)", t, t.LogProb)
		return b
	}
	return plots.Bundle{plots.MIMEText: fmt.Sprintf("%s\n(log P = %.3f)", t, t.LogProb)}
}

// logSoftmax returns log softmax of one row of logits, in float64.
func logSoftmax(row []float32) []float64 {
	mx := float64(row[argmax(row)])
	sum := 0.0
	for _, v := range row {
		sum += math.Exp(float64(v) - mx)
	}
	lse := mx + math.Log(sum)
	out := make([]float64, len(row))
	for i, v := range row {
		out[i] = float64(v) - lse
	}
	return out
}

// encodeSources pads tokenised sources into ids.
func (m *Model) encodeSources(srcs [][]string) (ids, lens []int, S int) {
	for _, s := range srcs {
		S = max(S, len(s), 1)
	}
	ids = make([]int, len(srcs)*S)
	lens = make([]int, len(srcs))
	for i, s := range srcs {
		e := m.Src.Encode(s)
		lens[i] = max(len(e), 1)
		for j := range S {
			ids[i*S+j] = PadID
			if j < len(e) {
				ids[i*S+j] = e[j]
			}
		}
	}
	return ids, lens, S
}

// Translate decodes every source greedily (the most probable word at each
// step) in one padded batch, stopping a sentence at </s> or after maxLen
// words (0 means 2·len(source) + 5).
func (m *Model) Translate(srcs [][]string, maxLen int) []*Translation {
	if len(srcs) == 0 {
		return nil
	}
	B := len(srcs)
	out := make([]*Translation, B)
	autograd.NoGrad(func() {
		ids, lens, S := m.encodeSources(srcs)
		e := m.encode(ids, lens, B, S)
		st := m.initState(e)
		limit := 0
		for i := range out {
			out[i] = &Translation{Src: srcs[i]}
			limit = max(limit, m.maxLen(maxLen, len(srcs[i])))
		}
		done := make([]bool, B)
		yPrev := make([]int, B)
		for i := range yPrev {
			yPrev[i] = BOSID
		}
		V := m.Tgt.Len()
		for range limit {
			logits, next, alpha := m.step(e, st, yPrev)
			st = next
			left := 0
			for i, tr := range out {
				if done[i] {
					continue
				}
				lp := logSoftmax(logits.Data[i*V : (i+1)*V])
				y := argmax(logits.Data[i*V : (i+1)*V])
				tr.add(y, lp[y], m, alpha, i, S, lens[i])
				yPrev[i] = y
				if y == EOSID || len(tr.IDs) >= m.maxLen(maxLen, len(srcs[i])) {
					done[i] = true
				} else {
					left++
				}
			}
			if left == 0 {
				break
			}
		}
	})
	return out
}

// Greedy decodes one source sentence greedily.
func (m *Model) Greedy(src []string, maxLen int) *Translation {
	return m.Translate([][]string{src}, maxLen)[0]
}

func (m *Model) maxLen(maxLen, srcLen int) int {
	if maxLen > 0 {
		return maxLen
	}
	return 2*srcLen + 5
}

// add appends output id y with log-probability lp and row i of the
// attention weights (B, 1, S), cut to the source length n.
func (t *Translation) add(y int, lp float64, m *Model, alpha *Tensor, i, S, n int) {
	t.IDs = append(t.IDs, y)
	t.LogProb += lp
	t.Score = t.LogProb
	if y != EOSID {
		t.Tokens = append(t.Tokens, m.Tgt.Word(y))
	}
	if alpha != nil {
		row := make([]float64, n)
		for j := range n {
			row[j] = float64(alpha.Data[i*S+j])
		}
		t.Attention = append(t.Attention, row)
	}
}

// BeamConfig controls beam search; zero fields take the defaults noted.
type BeamConfig struct {
	Width int // hypotheses kept at every step; default 5
	// Alpha is the length-normalisation exponent: finished hypotheses are
	// ranked by log P / len^Alpha (len counting </s>). 0 ranks by log P,
	// which favours short outputs; 1 by the mean log-probability per word.
	Alpha  float64
	MaxLen int // longest output; 0 means 2·len(source) + 5
	NBest  int // hypotheses returned; default 1
}

// Beam decodes src with beam search and returns the NBest best finished
// hypotheses, best first. Width 1 is greedy decoding.
func (m *Model) Beam(src []string, cfg BeamConfig) []*Translation {
	k := cfg.Width
	if k <= 0 {
		k = 5
	}
	nbest := max(cfg.NBest, 1)
	limit := m.maxLen(cfg.MaxLen, len(src))
	norm := func(t *Translation) float64 {
		if cfg.Alpha == 0 {
			return t.LogProb
		}
		return t.LogProb / math.Pow(float64(len(t.IDs)), cfg.Alpha)
	}
	var finished []*Translation
	autograd.NoGrad(func() {
		ids, lens, S := m.encodeSources([][]string{src})
		e1 := m.encode(ids, lens, 1, S)
		beams := []*Translation{{Src: src}}
		st := m.initState(e1)
		V := m.Tgt.Len()
		for step := 0; step < limit && len(beams) > 0; step++ {
			n := len(beams)
			e := repeatEncoded(e1, n)
			yPrev := make([]int, n)
			for i, b := range beams {
				yPrev[i] = BOSID
				if len(b.IDs) > 0 {
					yPrev[i] = b.IDs[len(b.IDs)-1]
				}
			}
			logits, next, alpha := m.step(e, st, yPrev)
			type cand struct {
				beam, y   int
				lp, score float64
			}
			var cands []cand
			for i, b := range beams {
				lp := logSoftmax(logits.Data[i*V : (i+1)*V])
				for _, y := range topK(lp, k) {
					cands = append(cands, cand{i, y, lp[y], b.LogProb + lp[y]})
				}
			}
			slices.SortStableFunc(cands, func(a, b cand) int {
				switch {
				case a.score > b.score:
					return -1
				case a.score < b.score:
					return 1
				}
				return 0
			})
			var kept []*Translation
			var from []int
			for _, c := range cands[:min(k, len(cands))] {
				b := beams[c.beam]
				t := &Translation{Src: src, Tokens: slices.Clone(b.Tokens), IDs: slices.Clone(b.IDs), LogProb: b.LogProb}
				if b.Attention != nil {
					t.Attention = slices.Clone(b.Attention)
				}
				t.add(c.y, c.lp, m, alpha, c.beam, S, lens[0])
				t.Score = norm(t)
				if c.y == EOSID || len(t.IDs) >= limit {
					finished = append(finished, t)
				} else {
					kept = append(kept, t)
					from = append(from, c.beam)
				}
			}
			if len(finished) >= k {
				break
			}
			beams = kept
			if len(from) > 0 {
				st = state{s: autograd.Embedding(next.s, from), f: autograd.Embedding(next.f, from)}
			}
		}
	})
	slices.SortStableFunc(finished, func(a, b *Translation) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return finished[:min(nbest, len(finished))]
}

// topK returns the indices of the k largest values, largest first, ties to
// the smaller index.
func topK(xs []float64, k int) []int {
	idx := make([]int, 0, k+1)
	for i, x := range xs {
		if len(idx) == k && x <= xs[idx[k-1]] {
			continue
		}
		pos := len(idx)
		for pos > 0 && xs[idx[pos-1]] < x {
			pos--
		}
		idx = slices.Insert(idx, pos, i)
		if len(idx) > k {
			idx = idx[:k]
		}
	}
	return idx
}

// repeatEncoded copies a one-sentence encoding n times along the batch axis.
func repeatEncoded(e *encoded, n int) *encoded {
	if n == 1 {
		return e
	}
	zeros := make([]int, n)
	rep := func(t *Tensor) *Tensor {
		if t == nil {
			return nil
		}
		shape := t.Shape()
		flat := autograd.Reshape(t, 1, t.Size())
		out := autograd.Embedding(flat, zeros)
		return autograd.Reshape(out, append([]int{n}, shape[1:]...)...)
	}
	r := &encoded{B: n, S: e.S, enc: rep(e.enc), keys: rep(e.keys), final: rep(e.final)}
	for range n {
		r.pad = append(r.pad, e.pad...)
	}
	return r
}

// SampleConfig controls Sample.
type SampleConfig struct {
	Temperature float64 // divides the logits; default 1
	TopK        int     // sample among the k most probable words; 0: all
	MaxLen      int     // 0 means 2·len(source) + 5
}

// Sample draws a translation word by word from P(yₜ | y<ₜ, x), sharpened or
// flattened by the temperature, using rng.
func (m *Model) Sample(src []string, rng *rand.Rand, cfg SampleConfig) *Translation {
	temp := cfg.Temperature
	if temp <= 0 {
		temp = 1
	}
	limit := m.maxLen(cfg.MaxLen, len(src))
	tr := &Translation{Src: src}
	autograd.NoGrad(func() {
		ids, lens, S := m.encodeSources([][]string{src})
		e := m.encode(ids, lens, 1, S)
		st := m.initState(e)
		y := BOSID
		for range limit {
			logits, next, alpha := m.step(e, st, []int{y})
			st = next
			lp := logSoftmax(logits.Data)
			scaled := make([]float32, len(lp))
			for i, v := range lp {
				scaled[i] = float32(v / temp)
			}
			p := logSoftmax(scaled)
			allowed := topK(p, len(p))
			if cfg.TopK > 0 && cfg.TopK < len(p) {
				allowed = allowed[:cfg.TopK]
			}
			z := 0.0
			for _, i := range allowed {
				z += math.Exp(p[i])
			}
			u := rng.Float64() * z
			y = allowed[len(allowed)-1]
			for _, i := range allowed {
				u -= math.Exp(p[i])
				if u <= 0 {
					y = i
					break
				}
			}
			tr.add(y, lp[y], m, alpha, 0, S, lens[0])
			if y == EOSID {
				break
			}
		}
	})
	return tr
}

// String names the model's architecture and size.
func (m *Model) String() string {
	return fmt.Sprintf("seq2seq GRU encoder–decoder, attention %v, E=%d H=%d, vocab %d→%d, %d parameters",
		m.Config.Attention, m.Config.Embed, m.Config.Hidden, m.Src.Len(), m.Tgt.Len(), m.Params().Count())
}
