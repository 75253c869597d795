package seq2seq

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/plots"
)

// A Translation is a decoded target sentence with its score and, for models
// with attention, the attention weights of every output step.
type Translation struct {
	Src     []string // the source tokens
	Tokens  []string // the output, without </s>
	IDs     []int    // target ids, </s> included when it was produced
	LogProb float64  // Σ log P(yₜ | y<ₜ, x) over IDs
	Score   float64  // the beam's ranking score: LogProb / lp(|IDs|) (BeamConfig.Alpha)
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

// A decoder is one decoding run of a model: a batch of rows, each a prefix
// of a translation of one source sentence.
type decoder interface {
	// step feeds the previous word of every row and returns the logits of
	// the next word (rows × |V|) and the attention weights over the source
	// (rows × S), nil for a model without attention.
	step(yPrev []int) (logits, alpha []float32)
	// keep reorders the rows: new row i continues old row from[i].
	keep(from []int)
}

// A translator is what decoding needs from a model: the vocabularies and a
// decoder started on a batch of sources (one row per source), with the
// padded source length S and each source's true length.
type translator interface {
	vocabs() (src, tgt *text.Vocab)
	start(srcs [][]string) (d decoder, lens []int, S int)
}

// encodeSources pads tokenised sources into ids (an empty source becomes
// one <unk>).
func encodeSources(v *text.Vocab, srcs [][]string) (ids, lens []int, S int) {
	for _, s := range srcs {
		S = max(S, len(s), 1)
	}
	ids = make([]int, len(srcs)*S)
	lens = make([]int, len(srcs))
	for i, s := range srcs {
		e := v.Encode(s)
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

// outputLogProbs is log softmax of one row of logits with the tokens a
// translation never contains set to −∞: <pad> and <s>, and <unk> unless
// allowUnk. A literal "<unk>" in an output can only be wrong (it matches no
// reference word, and BLEU's 13a tokeniser even splits it into three
// tokens), so by default the decoder picks the best real word instead.
func outputLogProbs(row []float32, allowUnk bool) []float64 {
	lp := nn.LogSoftmax(row)
	lp[PadID], lp[BOSID] = math.Inf(-1), math.Inf(-1)
	if !allowUnk {
		lp[UnkID] = math.Inf(-1)
	}
	return lp
}

func argmax64(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}

func maxLenFor(maxLen, srcLen int) int {
	if maxLen > 0 {
		return maxLen
	}
	return 2*srcLen + 5
}

// greedy decodes every source greedily in one batch.
func greedy(m translator, srcs [][]string, maxLen int, allowUnk bool) []*Translation {
	if len(srcs) == 0 {
		return nil
	}
	_, tgtV := m.vocabs()
	B := len(srcs)
	out := make([]*Translation, B)
	autograd.NoGrad(func() {
		d, lens, S := m.start(srcs)
		limit := 0
		for i := range out {
			out[i] = &Translation{Src: srcs[i]}
			limit = max(limit, maxLenFor(maxLen, len(srcs[i])))
		}
		done := make([]bool, B)
		yPrev := make([]int, B)
		for i := range yPrev {
			yPrev[i] = BOSID
		}
		V := tgtV.Len()
		for range limit {
			logits, alpha := d.step(yPrev)
			left := 0
			for i, tr := range out {
				if done[i] {
					continue
				}
				lp := outputLogProbs(logits[i*V:(i+1)*V], allowUnk)
				y := argmax64(lp)
				tr.add(y, lp[y], tgtV, attnRow(alpha, i, S, lens[i]))
				yPrev[i] = y
				if y == EOSID || len(tr.IDs) >= maxLenFor(maxLen, len(srcs[i])) {
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

// attnRow copies row i of attention weights (rows × S), cut to the source
// length n; nil without attention.
func attnRow(alpha []float32, i, S, n int) []float64 {
	if alpha == nil {
		return nil
	}
	row := make([]float64, n)
	for j := range n {
		row[j] = float64(alpha[i*S+j])
	}
	return row
}

// Translate decodes every source greedily (the most probable word at each
// step, never <unk>) in one padded batch, stopping a sentence at </s> or
// after maxLen words (0 means 2·len(source) + 5).
func (m *Model) Translate(srcs [][]string, maxLen int) []*Translation {
	return greedy(m, srcs, maxLen, false)
}

// Greedy decodes one source sentence greedily.
func (m *Model) Greedy(src []string, maxLen int) *Translation {
	return m.Translate([][]string{src}, maxLen)[0]
}

// add appends output id y with log-probability lp and its row of attention
// weights (nil without attention).
func (t *Translation) add(y int, lp float64, tgt *text.Vocab, alpha []float64) {
	t.IDs = append(t.IDs, y)
	t.LogProb += lp
	t.Score = t.LogProb
	if y != EOSID {
		t.Tokens = append(t.Tokens, tgt.Word(y))
	}
	if alpha != nil {
		t.Attention = append(t.Attention, alpha)
	}
}

// BeamConfig controls beam search; zero fields take the defaults noted.
type BeamConfig struct {
	Width int // hypotheses kept at every step; default 5
	// Alpha is the length-normalisation exponent of Wu et al. (2016):
	// hypotheses are ranked by log P / lp(y) with
	// lp(y) = ((5 + |y|)/6)^Alpha, |y| counting </s>. 0 ranks by log P,
	// which favours short outputs; 0.6–1 is usual.
	Alpha  float64
	MaxLen int // longest output; 0 means 2·len(source) + 5
	NBest  int // hypotheses returned; default 1
	// AllowUnk lets the decoder output <unk>; by default it never does.
	AllowUnk bool
}

// lengthPenalty is GNMT's lp(y) = ((5 + n)/6)^α.
func lengthPenalty(n int, alpha float64) float64 {
	if alpha == 0 {
		return 1
	}
	return math.Pow((5+float64(n))/6, alpha)
}

// Beam decodes src with beam search and returns the NBest best finished
// hypotheses, best first. With Alpha 0, width 1 is greedy decoding. It
// returns nil if cfg is invalid (see BeamConfig.Validate).
func (m *Model) Beam(src []string, cfg BeamConfig) []*Translation {
	return beam(m, src, cfg)
}

// A beamCand is one extension of a beam by a word y, with the word's
// log-probability lp and the extended hypothesis's sum.
type beamCand struct {
	beam, y int
	lp, sum float64
}

// expand extends every beam by its k most probable next words (logits are
// rows × V) and returns the candidates, most probable sum first.
func expand(beams []*Translation, logits []float32, V, k int, allowUnk bool) []beamCand {
	var cands []beamCand
	for i, b := range beams {
		lp := outputLogProbs(logits[i*V:(i+1)*V], allowUnk)
		for _, y := range topK(lp, k) {
			if !math.IsInf(lp[y], -1) {
				cands = append(cands, beamCand{i, y, lp[y], b.LogProb + lp[y]})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b beamCand) int {
		switch {
		case a.sum > b.sum:
			return -1
		case a.sum < b.sum:
			return 1
		}
		return 0
	})
	return cands
}

// settled reports whether the search can stop: nbest hypotheses have
// finished and no live beam can score better than the nbest-th of them,
// even at the longest length (log-probabilities only fall as words are
// added, and the length penalty is largest at limit).
func settled(finished, beams []*Translation, nbest, limit int, alpha float64) bool {
	if len(finished) < nbest {
		return false
	}
	scores := make([]float64, len(finished))
	for i, f := range finished {
		scores[i] = f.Score
	}
	slices.Sort(scores)
	bound := math.Inf(-1)
	for _, b := range beams {
		bound = max(bound, b.LogProb/lengthPenalty(limit, alpha))
	}
	return bound <= scores[len(scores)-nbest]
}

// beam is beam search (Sutskever et al. 2014; Wu et al. 2016). At every
// step each of the k live prefixes proposes its k best next words; of all
// proposals ranked by log P, those ending in </s> among the first k are
// finished, and the best k others live on. Search stops when no live prefix
// can still beat the best finished hypothesis: a live prefix's log P only
// falls, so its score is at most log P / lp(MaxLen) (α > 0) or log P (α = 0).
func beam(m translator, src []string, cfg BeamConfig) []*Translation {
	if cfg.Validate() != nil {
		return nil
	}
	k := cfg.Width
	if k <= 0 {
		k = 5
	}
	nbest := max(cfg.NBest, 1)
	limit := maxLenFor(cfg.MaxLen, len(src))
	_, tgtV := m.vocabs()
	V := tgtV.Len()
	var finished []*Translation
	autograd.NoGrad(func() {
		d, lens, S := m.start([][]string{src})
		beams := []*Translation{{Src: src}}
		for step := 0; step < limit && len(beams) > 0; step++ {
			yPrev := make([]int, len(beams))
			for i, b := range beams {
				yPrev[i] = BOSID
				if len(b.IDs) > 0 {
					yPrev[i] = b.IDs[len(b.IDs)-1]
				}
			}
			logits, alpha := d.step(yPrev)
			cands := expand(beams, logits, V, k, cfg.AllowUnk)
			var kept []*Translation
			var from []int
			for rank, c := range cands {
				if len(kept) == k && rank >= k {
					break
				}
				ends := c.y == EOSID || len(beams[c.beam].IDs)+1 >= limit
				if ends && rank >= k || !ends && len(kept) == k {
					continue
				}
				b := beams[c.beam]
				t := &Translation{Src: src, Tokens: slices.Clone(b.Tokens), IDs: slices.Clone(b.IDs), LogProb: b.LogProb}
				if b.Attention != nil {
					t.Attention = slices.Clone(b.Attention)
				}
				t.add(c.y, c.lp, tgtV, attnRow(alpha, c.beam, S, lens[0]))
				t.Score = t.LogProb / lengthPenalty(len(t.IDs), cfg.Alpha)
				if ends {
					finished = append(finished, t)
				} else {
					kept = append(kept, t)
					from = append(from, c.beam)
				}
			}
			beams = kept
			if len(beams) == 0 {
				break
			}
			if settled(finished, beams, nbest, limit, cfg.Alpha) {
				break
			}
			d.keep(from)
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

// gatherRows returns rows idx of t along its first axis.
func gatherRows(t *Tensor, idx []int) *Tensor {
	if t == nil {
		return nil
	}
	shape := t.Shape()
	flat := autograd.Reshape(t, shape[0], t.Size()/shape[0])
	return autograd.Reshape(autograd.Embedding(flat, idx), append([]int{len(idx)}, shape[1:]...)...)
}

// SampleConfig controls Sample.
type SampleConfig struct {
	Temperature float64 // divides the logits; default 1
	TopK        int     // sample among the k most probable words; 0: all
	MaxLen      int     // 0 means 2·len(source) + 5
}

// Sample draws a translation word by word from P(yₜ | y<ₜ, x), sharpened or
// flattened by the temperature, using rng (never <unk>). It returns nil if
// cfg is invalid (see SampleConfig.Validate).
func (m *Model) Sample(src []string, rng *rand.Rand, cfg SampleConfig) *Translation {
	if cfg.Validate() != nil {
		return nil
	}
	return sample(m, src, rng, cfg)
}

func sample(m translator, src []string, rng *rand.Rand, cfg SampleConfig) *Translation {
	temp := cfg.Temperature
	if temp <= 0 {
		temp = 1
	}
	limit := maxLenFor(cfg.MaxLen, len(src))
	_, tgtV := m.vocabs()
	tr := &Translation{Src: src}
	autograd.NoGrad(func() {
		d, lens, S := m.start([][]string{src})
		y := BOSID
		for range limit {
			logits, alpha := d.step([]int{y})
			lp := outputLogProbs(logits, false)
			scaled := make([]float64, len(lp))
			for i, v := range lp {
				scaled[i] = v / temp
			}
			allowed := topK(scaled, len(scaled))
			if cfg.TopK > 0 && cfg.TopK < len(allowed) {
				allowed = allowed[:cfg.TopK]
			}
			mx := scaled[allowed[0]]
			z := 0.0
			for _, i := range allowed {
				z += math.Exp(scaled[i] - mx)
			}
			u := rng.Float64() * z
			y = allowed[0]
			for _, i := range allowed {
				u -= math.Exp(scaled[i] - mx)
				if u <= 0 {
					y = i
					break
				}
			}
			tr.add(y, lp[y], tgtV, attnRow(alpha, 0, S, lens[0]))
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
