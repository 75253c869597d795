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

// FuzzCleanGloss: any gloss gives phrases of at most four tokens, none of
// them with the placeholders sb/sth, and never panics.
func FuzzCleanGloss(f *testing.F) {
	for _, s := range []string{"I; me; my", "(((", ")", "~", ";;;", "[", "to ", "(a) (b) c", "CL:個|个[ge4]", "to do sth (to sb)", "\xff\xfe", "a,b,c,d,e,f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, g string) {
		for _, ws := range CleanGloss(g) {
			if len(ws) > 4 {
				t.Fatalf("%q gave %d tokens: %v", g, len(ws), ws)
			}
			for _, w := range ws {
				if w == "sb" || w == "sth" || w == "" {
					t.Fatalf("%q gave token %q", g, w)
				}
			}
		}
	})
}
