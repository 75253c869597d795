package smt

import (
	"fmt"
	"testing"
)

func TestCleanGloss(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"I; me; my", "[[i] [me] [my]]"},
		{"to land", "[[to land] [land]]"},
		{"of; ~'s (possessive particle)", "[[of]]"},
		{"(completed action marker)", "[[]]"},
		{"classifier for people", "[[]]"},
		{"variant of 年[nian2]", "[]"},
		{"surname Nian", "[]"},
		{"what?", "[[what]]"},
		{"Beijing municipality, capital of the People's Republic of China (abbr. to 京[Jing1])", "[[beijing municipality]]"},
		{"to have a confrontation (with sb)", "[[to have a confrontation] [have a confrontation]]"},
		{"to make landfall (of typhoon etc)", "[[to make landfall] [make landfall]]"},
		{"to open sth", "[]"},
		{"Spaniard", "[[spaniard]]"},
	} {
		if got := fmt.Sprint(CleanGloss(tc.in)); got != tc.want {
			t.Errorf("CleanGloss(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
