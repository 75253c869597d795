package instruct

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// A Lexicon maps words to sentiment scores, as AFINN does (−5 … +5).
type Lexicon map[string]int

// A Hit is a word of a text found in a lexicon.
type Hit struct {
	Word  string
	Score int
}

// Hits lists the words of s (text.Words: lower-cased, no punctuation) that
// are in the lexicon, in order.
func (l Lexicon) Hits(s string) []Hit {
	var out []Hit
	for _, w := range text.Words(s) {
		if v, ok := l[w]; ok {
			out = append(out, Hit{w, v})
		}
	}
	return out
}

// Score is the sum of the scores of the words of s: AFINN's sentiment of
// a text.
func (l Lexicon) Score(s string) int {
	n := 0
	for _, h := range l.Hits(s) {
		n += h.Score
	}
	return n
}

// fallbackLexicon is a tiny sentiment lexicon written for this project,
// used when the AFINN corpus is not installed. Scores follow AFINN's −5…+5
// scale but were chosen by hand.
var fallbackLexicon = Lexicon{
	"good": 3, "great": 3, "excellent": 3, "love": 3, "loved": 3, "nice": 3, "happy": 3, "best": 3,
	"amazing": 4, "wonderful": 4, "fine": 2, "like": 2, "recommend": 2, "works": 1, "fun": 4, "perfect": 3,
	"bad": -3, "worst": -3, "terrible": -3, "awful": -3, "hate": -3, "poor": -2, "broken": -1, "boring": -3,
	"disappointed": -2, "waste": -1, "problem": -2, "problems": -2, "sad": -2, "ugly": -3, "wrong": -2, "failed": -2,
}

// fallbackSentences are labelled sentences written for this project
// (1 positive, 0 negative), used when the sentiment corpus is missing.
var fallbackSentences = []corpus.Sentence{
	{Text: "The battery life is great.", Label: 1}, {Text: "I love this phone.", Label: 1},
	{Text: "The food was excellent and the staff were nice.", Label: 1}, {Text: "A wonderful film with a perfect ending.", Label: 1},
	{Text: "Best purchase I made this year.", Label: 1}, {Text: "The case works fine and looks good.", Label: 1},
	{Text: "I would recommend this place to friends.", Label: 1}, {Text: "Such a fun movie, I loved it.", Label: 1},
	{Text: "The service was amazing.", Label: 1}, {Text: "Happy with the sound quality.", Label: 1},
	{Text: "The screen was broken on arrival, terrible.", Label: 0}, {Text: "Worst pizza in town.", Label: 0},
	{Text: "I hate the new design.", Label: 0}, {Text: "A boring plot and bad acting.", Label: 0},
	{Text: "Poor quality, a waste of money.", Label: 0}, {Text: "Very disappointed with this charger.", Label: 0},
	{Text: "The waiter got our order wrong twice, awful.", Label: 0}, {Text: "The update failed and caused problems.", Label: 0},
	{Text: "An ugly and sad little film.", Label: 0}, {Text: "The headset is bad and the mic is poor.", Label: 0},
}

// LoadAFINN reads the AFINN-165 lexicon (corpus "afinn"). When it is not
// installed it returns a small embedded lexicon and a note saying so.
func LoadAFINN() (Lexicon, string) {
	c, err := corpus.Get("afinn")
	if err == nil {
		lex := Lexicon{}
		for s, e := range c.All() {
			if e != nil {
				err = e
				break
			}
			if !strings.Contains(s.Text, " ") {
				lex[s.Text] = s.Label
			}
		}
		if err == nil && len(lex) > 0 {
			return lex, ""
		}
	}
	return fallbackLexicon, fmt.Sprintf("AFINN lexicon not available (%v): using a small embedded lexicon of %d words", err, len(fallbackLexicon))
}

// SentimentFamily is the family "sentiment": classify a review sentence as
// "positive" or "negative". Its examples are the labelled sentences of
// corpus "sentiment" (Kotzias et al. 2015) of 3 to 15 words whose AFINN
// score has the sign of their label, so that the chain of thought (the
// sentiment words and their total) agrees with the answer. When the corpus
// is missing, a small embedded list is used and the note says so.
func SentimentFamily(lex Lexicon) (Family, string) {
	var pool []Example
	note := ""
	add := func(s corpus.Sentence) {
		if n := len(text.Words(s.Text)); n < 3 || n > 15 {
			return
		}
		hits := lex.Hits(s.Text)
		score := 0
		var parts []string
		for _, h := range hits {
			score += h.Score
			parts = append(parts, fmt.Sprintf("%s %+d", h.Word, h.Score))
		}
		label := "negative"
		if s.Label == 1 {
			label = "positive"
		}
		if (score > 0) != (s.Label == 1) || score == 0 {
			return
		}
		pool = append(pool, Example{Task: "sentiment", Instruction: sentimentInstruction, Input: s.Text, Answer: label,
			Reasoning: fmt.Sprintf("sentiment words: %s; total %+d, so %s.", strings.Join(parts, ", "), score, label)})
	}
	c, err := corpus.Get("sentiment")
	if err == nil {
		for s, e := range c.All() {
			if e != nil {
				err = e
				break
			}
			add(s)
		}
	}
	if err != nil || len(pool) == 0 {
		pool = pool[:0]
		for _, s := range fallbackSentences {
			add(s)
		}
		note = fmt.Sprintf("sentiment sentences not available (%v): using %d embedded sentences", err, len(pool))
	}
	return Family{
		Name:        "sentiment",
		Instruction: sentimentInstruction,
		Generate: func(rng *rand.Rand, n int) []Example {
			var out []Example
			seen := map[string]bool{}
			for _, i := range rng.Perm(len(pool)) {
				if len(out) == n {
					break
				}
				if ex := pool[i]; !seen[ex.Input] {
					seen[ex.Input] = true
					out = append(out, ex)
				}
			}
			return out
		},
		Check: exactMatch,
	}, note
}

const sentimentInstruction = "Is the sentiment of the review positive or negative?"
