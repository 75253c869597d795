package llm

import "testing"

func TestRater(t *testing.T) {
	capital := Example{Task: "capitals", Instruction: "Name the capital city of the country.", Input: "France", Answer: "Paris"}
	r := NewRater(fallbackLexicon, Capitals().Check)
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
