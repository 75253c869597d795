package word2vecex

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/vec"
)

const analogyName = "analogies by 3CosAdd"

var analogyHints = []string{
	"a : b :: c : ? — build the target t = unit(b) − unit(a) + unit(c), with unit(x) = x/‖x‖ (vec.Unit)",
	"loop over every word w of kv.Words (row i is kv.Row(i)) and keep the w with the largest vec.Cosine(kv.Row(i), t)",
	"skip a, b and c themselves: they are usually the closest words to t",
}

// DefaultAnalogies are tried by CheckAnalogy when no questions are given;
// those with a word missing from the vectors are skipped.
var DefaultAnalogies = [][3]string{
	{"man", "woman", "he"},
	{"he", "his", "she"},
	{"war", "wars", "nation"},
	{"good", "better", "great"},
	{"france", "french", "germany"},
	{"paris", "france", "london"},
	{"king", "queen", "man"},
	{"big", "bigger", "small"},
}

// CheckAnalogy checks a function solving a : b :: c : ? on kv against
// kv.MostSimilar([b, c], [a], 1), on questions (DefaultAnalogies if nil)
// whose words are all in kv. Only whether the student's function finds the
// same word as the library is checked, not whether the answer is right.
func CheckAnalogy(kv *vec.KeyedVectors, questions [][3]string, f func(kv *vec.KeyedVectors, a, b, c string) string) *lessons.Feedback {
	if kv == nil || kv.Len() == 0 {
		return lessons.Fail(analogyName, "no vectors: pass the trained model's KeyedVectors (m.KeyedVectors)")
	}
	if f == nil {
		return lessons.Fail(analogyName, "no function to check", analogyHints...)
	}
	if questions == nil {
		questions = DefaultAnalogies
	}
	var tried []string
	for _, q := range questions {
		a, b, c := q[0], q[1], q[2]
		if !kv.Has(a) || !kv.Has(b) || !kv.Has(c) {
			continue
		}
		sims, err := kv.MostSimilar([]string{b, c}, []string{a}, 1)
		if err != nil || len(sims) == 0 {
			continue
		}
		want := sims[0].Word
		name := fmt.Sprintf("%s : %s :: %s : ?", a, b, c)
		var got string
		if msg := lessons.Call(func() { got = f(kv, a, b, c) }); msg != "" {
			return lessons.Fail(analogyName, fmt.Sprintf("for %s: %s", name, msg), analogyHints...)
		}
		if got == want {
			tried = append(tried, fmt.Sprintf("%s → %s", name[:len(name)-2], got))
			continue
		}
		msg := fmt.Sprintf("for %s you answer %q, the library %q", name, got, want)
		swapped, _ := kv.MostSimilar([]string{a, c}, []string{b}, 1)
		switch {
		case got == "":
			msg += " (no answer)"
		case got == a || got == b || got == c:
			msg += " (a query word: exclude a, b and c from the candidates)"
		case !kv.Has(got):
			msg += " (not a word of the vectors)"
		case len(swapped) > 0 && got == swapped[0].Word:
			msg += " (the signs are swapped: the target is b − a + c)"
		default:
			msg += " (did you normalise each vector to unit length before adding, and rank by cosine, not by dot product?)"
		}
		return lessons.Fail(analogyName, msg, analogyHints...)
	}
	if len(tried) == 0 {
		return lessons.Fail(analogyName, "none of the questions has all its words in the vectors: pass questions whose words the model knows")
	}
	return lessons.Pass(analogyName, "same answers as MostSimilar on all %d questions: %s", len(tried), strings.Join(tried, "; "))
}
