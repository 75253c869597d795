package instruct

import (
	"fmt"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// A Span is a half-open range [Start, End) of token positions.
type Span struct{ Start, End int }

// ResponseMask is the loss mask of a prompt followed by a response:
// promptLen false values, then responseLen true values. Instruction tuning
// averages the loss over the true positions only, so the model learns to
// write responses, not prompts. It panics if a length is negative.
func ResponseMask(promptLen, responseLen int) []bool {
	if promptLen < 0 || responseLen < 0 {
		panic(fmt.Sprintf("instruct: ResponseMask(%d, %d): negative length", promptLen, responseLen))
	}
	m := make([]bool, promptLen+responseLen)
	for i := promptLen; i < len(m); i++ {
		m[i] = true
	}
	return m
}

// SpanMask is the mask of a sequence of n tokens in which the given spans
// are responses (for a chat, every assistant turn). Spans may not overlap
// or leave [0, n).
func SpanMask(n int, responses ...Span) ([]bool, error) {
	if n < 0 {
		return nil, fmt.Errorf("instruct: negative sequence length %d", n)
	}
	m := make([]bool, n)
	for _, s := range responses {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			return nil, fmt.Errorf("instruct: response span [%d, %d) outside [0, %d)", s.Start, s.End, n)
		}
		for i := s.Start; i < s.End; i++ {
			if m[i] {
				return nil, fmt.Errorf("instruct: response spans overlap at position %d", i)
			}
			m[i] = true
		}
	}
	return m, nil
}

// NextTokenTargets turns a sequence and its token mask into the inputs,
// targets and per-position mask of next-token prediction: position t reads
// ids[t] and predicts ids[t+1], and counts in the loss when token t+1 is a
// response token. Masked-out targets are −1, which autograd.CrossEntropy
// ignores, so
//
//	in, tgt := llm.NextTokenTargets(ids, mask)
//	loss := autograd.CrossEntropy(model(in), tgt)
//
// is the loss over response tokens only. It panics if len(mask) != len(ids).
func NextTokenTargets(ids []int, mask []bool) (inputs, targets []int) {
	if len(mask) != len(ids) {
		panic(fmt.Sprintf("instruct: NextTokenTargets: %d ids but %d mask values", len(ids), len(mask)))
	}
	if len(ids) < 2 {
		return nil, nil
	}
	inputs = append([]int(nil), ids[:len(ids)-1]...)
	targets = make([]int, len(ids)-1)
	for t := range targets {
		targets[t] = -1
		if mask[t+1] {
			targets[t] = ids[t+1]
		}
	}
	return inputs, targets
}

// MaskedCrossEntropy is the mean cross-entropy of logits (T, V) against
// targets over the positions where mask is true: the instruction-tuning
// loss. It panics if the lengths disagree with the rows of logits.
func MaskedCrossEntropy[E ag.Float](logits *ag.Tensor[E], targets []int, mask []bool) *ag.Tensor[E] {
	if len(mask) != len(targets) {
		panic(fmt.Sprintf("instruct: MaskedCrossEntropy: %d targets but %d mask values", len(targets), len(mask)))
	}
	t := make([]int, len(targets))
	for i := range t {
		t[i] = -1
		if mask[i] {
			t[i] = targets[i]
		}
	}
	return ag.CrossEntropy(logits, t)
}

// MaskedMean is Σ mask·x / Σ mask, the mean over the true positions (0 when
// none is true). It panics if the lengths differ.
func MaskedMean(x []float64, mask []bool) float64 {
	if len(x) != len(mask) {
		panic(fmt.Sprintf("instruct: MaskedMean: %d values but %d mask values", len(x), len(mask)))
	}
	var s float64
	n := 0
	for i, v := range x {
		if mask[i] {
			s += v
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}
