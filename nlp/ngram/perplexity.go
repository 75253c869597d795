package ngram

import "math"

// Evaluation summarises a model's fit to held-out sentences.
type Evaluation struct {
	Sentences int
	Tokens    int     // predictions scored (words and </s>)
	OOV       int     // scored tokens outside the vocabulary (scored as <unk>)
	Zero      int     // tokens with probability 0 (MLE on unseen events)
	LogProb   float64 // Σ ln P over the tokens
	// CrossEntropy is −(1/Tokens) Σ log2 P, in bits per token.
	CrossEntropy float64
	// Perplexity is 2^CrossEntropy; +Inf when any token has probability 0.
	Perplexity float64
}

// Evaluate scores the sentences. Standard mode predicts every word and the
// final </s> of each sentence from its history (starting at <s>), as SRILM
// and KenLM do. NLTK mode scores every order-n window of the sentence
// padded with n−1 <s> and </s>, as nltk.lm's perplexity does on
// ngrams(pad_both_ends(s, n), n) — so it also scores </s> after </s>.
func (m *Model) Evaluate(sentences [][]string) Evaluation {
	var e Evaluation
	var log2sum float64
	n := m.cfg.Order
	var buf []uint32
	score := func(p float64, w uint32) {
		e.Tokens++
		if w == unkID {
			e.OOV++
		}
		if p <= 0 {
			e.Zero++
		}
		e.LogProb += math.Log(p)
		log2sum += math.Log2(p)
	}
	for _, s := range sentences {
		e.Sentences++
		if m.cfg.NLTK {
			buf = buf[:0]
			for range n - 1 {
				buf = append(buf, bosID)
			}
			buf = m.vocab.lookup(s, buf)
			for range n - 1 {
				buf = append(buf, eosID)
			}
			m.scoreRun(buf, n-1, score)
			continue
		}
		buf = append(buf[:0], bosID)
		buf = m.vocab.lookup(s, buf)
		buf = append(buf, eosID)
		m.scoreRun(buf, 1, score)
	}
	if e.Tokens > 0 {
		e.CrossEntropy = -log2sum / float64(e.Tokens)
		e.Perplexity = math.Pow(2, e.CrossEntropy)
	} else {
		e.Perplexity = math.NaN()
	}
	return e
}

// scoreRun scores ids[from:], each token after the (at most n−1) ids
// before it. Compiled models carry the context state from token to token
// (probNext) instead of searching each context afresh; the numbers are the
// same.
func (m *Model) scoreRun(ids []uint32, from int, score func(p float64, w uint32)) {
	n := m.cfg.Order
	if m.cp == nil || m.cfg.NLTK && n == 1 {
		for i := from; i < len(ids); i++ {
			score(m.probIDs(ids[i], ids[max(0, i-n+1):i], nil), ids[i])
		}
		return
	}
	c, J := m.longestContext(ids[max(0, from-n+1):from])
	for i := from; i < len(ids); i++ {
		w := ids[i]
		if !m.cfg.NLTK && w == bosID { // a literal <s> inside a sentence
			score(0, w)
			c, J = m.longestContext(ids[max(0, i-n+2) : i+1])
			continue
		}
		var p float64
		p, c, J = m.probNext(c, J, w)
		score(p, w)
	}
}

// Perplexity returns Evaluate(sentences).Perplexity.
func (m *Model) Perplexity(sentences [][]string) float64 {
	return m.Evaluate(sentences).Perplexity
}
