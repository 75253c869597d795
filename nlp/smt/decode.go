package smt

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/ngram"
)

// Config sets the decoder's search and the weights of its score. The zero
// value is the plain noisy channel, monotone.
type Config struct {
	// DistortionLimit is the farthest the decoder may jump in the source
	// between one phrase and the next: 0 translates the phrases in the
	// source's order (monotone), k lets it reorder within k words, and a
	// negative limit lets it jump anywhere.
	DistortionLimit int
	// Beam is the number of partial translations kept per number of
	// source words covered; 0 means 200.
	Beam int
	// TM and LM weigh log P(x|y) and log P(y); 0 means 1 (the noisy
	// channel). Distortion is the cost of each word jumped (0: none); Word
	// is a bonus per target word, which offsets the language model's
	// preference for short outputs (0: none).
	TM, LM, Distortion, Word float64
	// Unknown is log P(w | context) for a target word w the language model
	// never saw, in place of its <unk> probability, which lumps every rare
	// word together and is far too kind to any one of them; 0 means −15.
	Unknown float64
}

func (c Config) withDefaults() Config {
	if c.Beam <= 0 {
		c.Beam = 200
	}
	if c.TM == 0 {
		c.TM = 1
	}
	if c.LM == 0 {
		c.LM = 1
	}
	if c.Unknown == 0 {
		c.Unknown = -15
	}
	return c
}

// A Decoder searches for argmax_y P(x|y)·P(y): the phrase table gives
// P(x|y), an n-gram model P(y).
type Decoder struct {
	Table *Table
	LM    *ngram.Model
	Config
}

// A Step is one phrase of a translation: source words [Lo, Hi) rendered
// as Target.
type Step struct {
	Lo, Hi int
	Target []string
	LogTM  float64
}

// A Translation is the decoder's best output with its score's parts.
type Translation struct {
	Source []string
	Words  []string
	Steps  []Step  // in target order
	TM, LM float64 // log P(x|y) and log P(y)
	Jumps  int     // source words jumped over in all
	Score  float64 // the weighted sum the search maximised
	Config Config  // the settings it was found with
}

// String is the target sentence.
func (t *Translation) String() string { return strings.Join(t.Words, " ") }

// Order lists, for each target phrase, the source positions it covers:
// "0 1 2 | 5 | 3 4" shows where the decoder reordered.
func (t *Translation) Order() string {
	var parts []string
	for _, s := range t.Steps {
		var ps []string
		for i := s.Lo; i < s.Hi; i++ {
			ps = append(ps, fmt.Sprint(i))
		}
		parts = append(parts, strings.Join(ps, " "))
	}
	return strings.Join(parts, " | ")
}

type hyp struct {
	cov      uint64
	end      int      // one past the last source word translated
	lmState  []string // the last Order−1 target words
	score    float64  // weighted, without future cost
	tm, lm   float64
	jumps    int
	prev     *hyp
	step     Step
	estimate float64 // score + future cost, for pruning
}

// Translate decodes the source words (segmented and Prepared) with beam
// search over phrase hypotheses (Koehn 2004): hypotheses that cover the
// same number of source words compete in one stack, ranked by their score
// plus an estimate of the cost of the words left; hypotheses with the same
// coverage, language-model state and position are merged. Sentences of
// more than 64 words are refused.
func (d *Decoder) Translate(src []string) (*Translation, error) {
	if d.Table == nil || d.LM == nil {
		return nil, fmt.Errorf("smt: decoder needs a phrase table and a language model")
	}
	n := len(src)
	if n == 0 {
		return &Translation{Config: d.Config}, nil
	}
	if n > 64 {
		return nil, fmt.Errorf("smt: sentence of %d words; at most 64", n)
	}
	cfg := d.Config.withDefaults()
	opts := d.options(src)
	future := d.futureCosts(src, opts, cfg)
	ctxLen := d.LM.Order() - 1
	stacks := make([][]*hyp, n+1)
	start := &hyp{lmState: []string{ngram.BOS}}
	start.estimate = future[0][n]
	stacks[0] = []*hyp{start}
	for k := range n {
		for _, h := range stacks[k] {
			for i := firstUncovered(h.cov, n); i < n; i++ {
				if h.cov&(1<<i) != 0 || !within(i-h.end, cfg.DistortionLimit) {
					continue
				}
				for j := i + 1; j <= n && j-i <= max(d.Table.MaxLen(), 1) && h.cov&(1<<(j-1)) == 0; j++ {
					cov := h.cov | spanBits(i, j)
					// a gap left behind must stay within a jump's reach
					if f := firstUncovered(cov, n); f < j && !within(j-f, cfg.DistortionLimit) {
						continue
					}
					for _, o := range opts[i][j] {
						nh := d.extend(h, i, j, o, cfg, ctxLen)
						nh.cov = cov
						nh.estimate = nh.score + futureOf(cov, n, future)
						stacks[k+j-i] = append(stacks[k+j-i], nh)
					}
				}
			}
		}
		for m := k + 1; m <= n; m++ {
			stacks[m] = prune(stacks[m], cfg.Beam)
		}
	}
	var best *hyp
	for _, h := range stacks[n] {
		lp := d.lmLogProb(ngram.EOS, h.lmState, cfg)
		h.lm += lp
		h.score += cfg.LM * lp
		if best == nil || h.score > best.score {
			best = h
		}
	}
	if best == nil {
		return nil, fmt.Errorf("smt: no complete translation within distortion limit %d", cfg.DistortionLimit)
	}
	t := &Translation{Source: src, TM: best.tm, LM: best.lm, Jumps: best.jumps, Score: best.score, Config: cfg}
	for h := best; h.prev != nil; h = h.prev {
		t.Steps = append(t.Steps, h.step)
	}
	slices.Reverse(t.Steps)
	for _, s := range t.Steps {
		t.Words = append(t.Words, s.Target...)
	}
	return t, nil
}

// options[i][j] are the options of source words [i, j); a single word the
// table does not know passes through (passThrough).
func (d *Decoder) options(src []string) [][][]Option {
	n := len(src)
	opts := make([][][]Option, n)
	for i := range n {
		opts[i] = make([][]Option, n+1)
		for j := i + 1; j <= n && j-i <= max(d.Table.MaxLen(), 1); j++ {
			opts[i][j] = d.Table.Options(src[i:j])
		}
		if len(opts[i][i+1]) == 0 {
			opts[i][i+1] = []Option{passThrough(src[i])}
		}
	}
	return opts
}

func (d *Decoder) extend(h *hyp, i, j int, o Option, cfg Config, ctxLen int) *hyp {
	state := slices.Clone(h.lmState)
	lm := 0.0
	for _, w := range o.Target {
		lm += d.lmLogProb(w, state, cfg)
		state = append(state, w)
		if len(state) > ctxLen {
			state = state[len(state)-ctxLen:]
		}
	}
	jump := abs(i - h.end)
	score := h.score + cfg.TM*o.LogTM + cfg.LM*lm - cfg.Distortion*float64(jump) + cfg.Word*float64(len(o.Target))
	return &hyp{end: j, lmState: state, score: score, tm: h.tm + o.LogTM, lm: h.lm + lm, jumps: h.jumps + jump,
		prev: h, step: Step{Lo: i, Hi: j, Target: o.Target, LogTM: o.LogTM}}
}

// lmLogProb is the language model's log P(w | context), or cfg.Unknown
// for a word outside its vocabulary.
func (d *Decoder) lmLogProb(w string, context []string, cfg Config) float64 {
	if _, ok := d.LM.Vocab().ID(w); !ok {
		return cfg.Unknown
	}
	return d.LM.LogProb(w, context)
}

// futureCosts[i][j] estimates the best score of translating [i, j) alone:
// the best option's weighted TM and LM score without context, or the best
// split of the span into two.
func (d *Decoder) futureCosts(src []string, opts [][][]Option, cfg Config) [][]float64 {
	n := len(src)
	fc := make([][]float64, n+1)
	for i := range fc {
		fc[i] = make([]float64, n+1)
		for j := range fc[i] {
			if j > i {
				fc[i][j] = math.Inf(-1)
			}
		}
	}
	for span := 1; span <= n; span++ {
		for i := 0; i+span <= n; i++ {
			j := i + span
			if span <= max(d.Table.MaxLen(), 1) {
				for _, o := range opts[i][j] {
					s := cfg.TM*o.LogTM + cfg.Word*float64(len(o.Target))
					for _, w := range o.Target {
						s += cfg.LM * d.lmLogProb(w, nil, cfg)
					}
					fc[i][j] = max(fc[i][j], s)
				}
			}
			for k := i + 1; k < j; k++ {
				fc[i][j] = max(fc[i][j], fc[i][k]+fc[k][j])
			}
		}
	}
	return fc
}

// futureOf adds the future costs of the uncovered runs of cov.
func futureOf(cov uint64, n int, fc [][]float64) float64 {
	s := 0.0
	for i := 0; i < n; {
		if cov&(1<<i) != 0 {
			i++
			continue
		}
		j := i
		for j < n && cov&(1<<j) == 0 {
			j++
		}
		s += fc[i][j]
		i = j
	}
	return s
}

// prune merges hypotheses with the same coverage, end and language-model
// state (keeping the best) and keeps the beam best by estimate.
func prune(hs []*hyp, beam int) []*hyp {
	at := map[string]int{} // key → index in out; out keeps first-seen order
	out := make([]*hyp, 0, len(hs))
	for _, h := range hs {
		k := fmt.Sprintf("%x/%d/%s", h.cov, h.end, strings.Join(h.lmState, "\x00"))
		if i, ok := at[k]; !ok {
			at[k] = len(out)
			out = append(out, h)
		} else if h.score > out[i].score {
			out[i] = h
		}
	}
	slices.SortStableFunc(out, func(a, b *hyp) int {
		switch {
		case a.estimate > b.estimate:
			return -1
		case a.estimate < b.estimate:
			return 1
		}
		return 0
	})
	return out[:min(beam, len(out))]
}

func spanBits(i, j int) uint64 { return (uint64(1)<<(j-i) - 1) << i }

func firstUncovered(cov uint64, n int) int {
	for i := range n {
		if cov&(1<<i) == 0 {
			return i
		}
	}
	return n
}

// within reports whether a jump of d words is allowed by limit (< 0: any).
func within(d, limit int) bool { return limit < 0 || abs(d) <= limit }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Score scores one given translation of src: the phrases steps, in target
// order, must cover every source word once, and each target must be one of
// its span's options (or the pass-through of an unknown word). It is what
// Translate maximises, for a translation chosen by hand — to compare two
// word orders of the same phrases, say.
func (d *Decoder) Score(src []string, steps []Step) (*Translation, error) {
	if d.Table == nil || d.LM == nil {
		return nil, fmt.Errorf("smt: decoder needs a phrase table and a language model")
	}
	n := len(src)
	if n > 64 {
		return nil, fmt.Errorf("smt: sentence of %d words; at most 64", n)
	}
	cfg := d.Config.withDefaults()
	opts := d.options(src)
	h := &hyp{lmState: []string{ngram.BOS}}
	for _, s := range steps {
		if s.Lo < 0 || s.Hi > n || s.Lo >= s.Hi {
			return nil, fmt.Errorf("smt: step [%d, %d) outside the %d source words", s.Lo, s.Hi, n)
		}
		if h.cov&spanBits(s.Lo, s.Hi) != 0 {
			return nil, fmt.Errorf("smt: source words [%d, %d) translated twice", s.Lo, s.Hi)
		}
		var o *Option
		if s.Hi-s.Lo <= max(d.Table.MaxLen(), 1) {
			for k := range opts[s.Lo][s.Hi] {
				if slices.Equal(opts[s.Lo][s.Hi][k].Target, s.Target) {
					o = &opts[s.Lo][s.Hi][k]
					break
				}
			}
		}
		if o == nil {
			return nil, fmt.Errorf("smt: %q is not an option for %q", strings.Join(s.Target, " "), strings.Join(src[s.Lo:s.Hi], " "))
		}
		cov := h.cov | spanBits(s.Lo, s.Hi)
		h = d.extend(h, s.Lo, s.Hi, *o, cfg, d.LM.Order()-1)
		h.cov = cov
	}
	if h.cov != spanBits(0, n) {
		return nil, fmt.Errorf("smt: the steps leave source words untranslated")
	}
	lp := d.lmLogProb(ngram.EOS, h.lmState, cfg)
	t := &Translation{Source: src, Steps: slices.Clone(steps), TM: h.tm, LM: h.lm + lp, Jumps: h.jumps, Score: h.score + cfg.LM*lp, Config: cfg}
	for _, s := range steps {
		t.Words = append(t.Words, s.Target...)
	}
	return t, nil
}
