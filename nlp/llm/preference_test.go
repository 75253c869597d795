package llm

import (
	"context"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"testing"
)

// testLexicon scores a few words on AFINN's scale.
var testLexicon = instruct.Lexicon{"good": 3, "great": 3, "love": 3, "happy": 3, "bad": -3, "awful": -3, "hate": -3, "poor": -2}

func TestRater(t *testing.T) {
	capital := instruct.Example{Task: "capitals", Instruction: "Name the capital city of the country.", Input: "France", Answer: "Paris"}
	r := NewRater(testLexicon, instruct.Capitals().Check)
	long := " Well, I would say that the city you are asking about, which is in the north of the country, is this one. The answer is Paris.\n"
	for _, tc := range []struct {
		name     string
		response string
		want     float64
	}{
		// 3 for the right answer; no sentiment words; 1 word.
		{"right", " Paris\n", 3},
		{"wrong", " Lyon\n", 0},
		// "great" is +3 in the embedded lexicon: 3·1/3 = +1; the CoT
		// answer after "The answer is" is checked.
		{"right and friendly", " Great question! The answer is Paris.\n", 4},
		// 26 words: 6 over MaxWords = 20, −0.05·6; no word has a score.
		{"right but long", long, 3 - 0.05*6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Score(capital, tc.response); !near(got, tc.want, 1e-12) {
				t.Errorf("Score(%q) = %g, want %g (%s)", tc.response, got, tc.want, r.Explain(capital, tc.response))
			}
		})
	}
	p, ok := r.Prefer(capital, "Q", " Lyon\n", " Paris\n")
	if !ok || p.Chosen != " Paris\n" || p.Rejected != " Lyon\n" || p.ScoreChosen != 3 {
		t.Errorf("Prefer = %+v, %v", p, ok)
	}
	if _, ok := r.Prefer(capital, "Q", " Lyon\n", " Rome\n"); ok {
		t.Error("a tie should give no preference")
	}
}

// MakePreferences keeps at most PerPrompt pairs per prompt, each with the
// higher score chosen and, with MinMargin, no pair closer than it.
func TestMakePreferences(t *testing.T) {
	m, _ := tinyModel(t)
	d, _ := instruct.NewDataset(instruct.DatasetConfig{PerTask: 3, Seed: 1})
	r := NewRater(testLexicon, d.Check)
	for _, tc := range []struct {
		name      string
		minMargin float64
	}{
		{"every pair", 0},
		// 1: tone alone (at most 2) may still pass, a right answer (3) always does
		{"margin 1", 1},
		// no two scores differ by 100
		{"margin 100", 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pairs, err := MakePreferences(context.Background(), m, r, d.Examples,
				PreferenceConfig{Reference: true, Samples: 3, PerPrompt: 2, MinMargin: tc.minMargin, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			per := map[string]int{}
			for _, p := range pairs {
				per[p.Prompt]++
				if d := p.ScoreChosen - p.ScoreRejected; !(d > 0 && d >= tc.minMargin) {
					t.Errorf("pair %q > %q: margin %g, want > 0 and ≥ %g", p.Chosen, p.Rejected, d, tc.minMargin)
				}
			}
			for prompt, n := range per {
				if n > 2 {
					t.Errorf("%d pairs for prompt %q, want ≤ 2", n, prompt)
				}
			}
			if tc.minMargin == 0 && len(pairs) == 0 {
				t.Error("no pairs: the tiny model's samples should differ from the references")
			}
			if tc.minMargin == 100 && len(pairs) != 0 {
				t.Errorf("%d pairs with margin ≥ 100", len(pairs))
			}
		})
	}
}
