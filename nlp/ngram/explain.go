package ngram

// A Step is one order of the computation of P(w | h), from the unigram
// level up: P at this order = Alpha + Gamma · (P one order down). For MLE
// and add-k there is one step; for Stupid Backoff and ARPA models the steps
// are the backoff chain.
type Step struct {
	Order        int      // n-gram order: context length + 1
	NGram        []string // context suffix and the word
	Seen         bool     // the n-gram occurred in training (ARPA: is listed)
	Count        int      // raw c(h w)
	ContextCount int      // raw c(h •)
	Alpha, Gamma float64
	Prob         float64 // probability after this step
}

// A Trace explains one probability: which orders contributed and which
// answered.
type Trace struct {
	Word    string
	Context []string // the context used: the last Order−1 words, unknown words as <unk>
	Prob    float64
	// Answered is the order of the longest n-gram (context suffix + word)
	// seen in training — the order that "answered" in backoff terms; 0 if
	// even the word is unseen (the probability then comes from the <unk>
	// policy).
	Answered int
	Steps    []Step
	Model    string
}

// Explain returns P(word | context) with its derivation.
func (m *Model) Explain(word string, context []string) *Trace {
	var buf [16]uint32
	ctx := m.ctxIDs(context, buf[:0])
	w := m.wordID(word)
	var steps []step
	p := m.probIDs(w, ctx, &steps)
	tr := &Trace{Word: m.vocab.Word(w), Prob: p, Model: m.describe()}
	for _, id := range ctx {
		tr.Context = append(tr.Context, m.vocab.Word(id))
	}
	_, tr.Answered = m.answer(w, ctx)
	for _, s := range steps {
		g := append(append([]uint32(nil), ctx[len(ctx)-s.j:]...), w)
		st := Step{Order: s.j + 1, Seen: s.found, Alpha: s.alpha, Gamma: s.gamma, Prob: s.p}
		for _, id := range g {
			st.NGram = append(st.NGram, m.vocab.Word(id))
		}
		if m.cfg.Smoothing != Backoff {
			st.Count = m.countIDs(g)
			st.ContextCount = m.contextCount(g[:len(g)-1])
		}
		tr.Steps = append(tr.Steps, st)
	}
	return tr
}

func (m *Model) countIDs(g []uint32) int {
	x, ok := m.t.lookup(g)
	if !ok {
		return 0
	}
	return int(m.t.levels[len(g)].count[x])
}

func (m *Model) contextCount(h []uint32) int {
	x, ok := m.t.lookup(h)
	if !ok || len(h) >= m.cfg.Order {
		return 0
	}
	return int(m.t.levels[len(h)].ctx[x].sum)
}
