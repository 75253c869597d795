package llm

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// A Rater scores responses by documented rules, standing in for the human
// labellers who rank model outputs in InstructGPT (Ouyang et al. 2022,
// §3.4). A response's score is
//
//	score = Correct·[the extracted answer passes the example's checker]
//	      + Positive·clamp(AFINN(response), −3, 3)/3
//	      − Brevity·max(0, words − MaxWords)
//
// so a rater prefers right answers first, a friendly tone second and short
// answers third. The rules are deliberately simple and visible: students
// can predict, and then watch, how a policy optimised against them
// behaves (and how it games them).
type Rater struct {
	Lexicon  instruct.Lexicon                    // sentiment lexicon (LoadAFINN)
	Check    func(instruct.Example, string) bool // answer checker (Dataset.Check); nil skips correctness
	Template instruct.Template                   // extracts the answer from a response
	Correct  float64                             // weight of correctness
	Positive float64                             // weight of positive sentiment
	Brevity  float64                             // penalty per word beyond MaxWords
	MaxWords int                                 // words allowed without penalty
}

// NewRater returns a rater with the default weights Correct 3, Positive 1,
// Brevity 0.05 and MaxWords 20.
func NewRater(lex instruct.Lexicon, check func(instruct.Example, string) bool) *Rater {
	return &Rater{Lexicon: lex, Check: check, Correct: 3, Positive: 1, Brevity: 0.05, MaxWords: 20}
}

// Score rates response (the text the model wrote after the prompt) for ex.
func (r *Rater) Score(ex instruct.Example, response string) float64 {
	var s float64
	if r.Check != nil && r.Check(ex, r.Template.Answer(response)) {
		s += r.Correct
	}
	if r.Lexicon != nil {
		a := float64(r.Lexicon.Score(response))
		s += r.Positive * max(-3, min(3, a)) / 3
	}
	if n := len(text.Words(response)); n > r.MaxWords {
		s -= r.Brevity * float64(n-r.MaxWords)
	}
	return s
}

// Explain says why a response got its score, rule by rule.
func (r *Rater) Explain(ex instruct.Example, response string) string {
	var parts []string
	if r.Check != nil {
		ok := r.Check(ex, r.Template.Answer(response))
		parts = append(parts, fmt.Sprintf("correct: %v", ok))
	}
	if r.Lexicon != nil {
		parts = append(parts, fmt.Sprintf("AFINN %+d", r.Lexicon.Score(response)))
	}
	parts = append(parts, fmt.Sprintf("%d words", len(text.Words(response))))
	return fmt.Sprintf("score %.2f (%s)", r.Score(ex, response), strings.Join(parts, ", "))
}

// A Preference is a labelled pair: for the same prompt, the response the
// rater preferred and the one it rejected.
type Preference struct {
	Example                    instruct.Example
	Prompt                     string
	Chosen, Rejected           string
	ScoreChosen, ScoreRejected float64
}

// Prefer compares two responses to ex's prompt. It returns false when the
// scores tie: such a pair carries no preference and is left out of
// reward-model training.
func (r *Rater) Prefer(ex instruct.Example, prompt, a, b string) (Preference, bool) {
	sa, sb := r.Score(ex, a), r.Score(ex, b)
	switch {
	case sa > sb:
		return Preference{ex, prompt, a, b, sa, sb}, true
	case sb > sa:
		return Preference{ex, prompt, b, a, sb, sa}, true
	}
	return Preference{}, false
}
