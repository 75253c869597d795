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
	score := func(w uint32, ctx []uint32) {
		p := m.probIDs(w, ctx, nil)
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
			for i := 0; i+n <= len(buf); i++ {
				score(buf[i+n-1], buf[i:i+n-1])
			}
			continue
		}
		buf = append(buf[:0], bosID)
		buf = m.vocab.lookup(s, buf)
		buf = append(buf, eosID)
		for i := 1; i < len(buf); i++ {
			score(buf[i], buf[max(0, i-n+1):i])
		}
	}
	if e.Tokens > 0 {
		e.CrossEntropy = -log2sum / float64(e.Tokens)
		e.Perplexity = math.Pow(2, e.CrossEntropy)
	} else {
		e.Perplexity = math.NaN()
	}
	return e
}

// Perplexity returns Evaluate(sentences).Perplexity.
func (m *Model) Perplexity(sentences [][]string) float64 {
	return m.Evaluate(sentences).Perplexity
}
