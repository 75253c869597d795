package wordnet

import (
	"strings"
	"testing"
)

// Lines from WordNet 3.0's data files (wordnet-base), used as fuzz seeds
// and parser cases.
var sampleLines = []string{
	"00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 ~ 00002137 n 0000 ~ 04431553 n 0000 | that which is perceived or known or inferred to have its own distinct existence (living or nonliving)  ",
	"00014358 00 s 02 abounding 0 galore(ip) 0 001 & 00013887 a 0000 | existing in abundance; \"abounding confidence\"; \"whiskey galore\"  ",
	"00002098 00 a 01 unable 0 002 = 05200169 n 0000 ! 00001740 a 0101 | (usually followed by `to') not having the necessary means or skill or know-how; \"unable to get to town without a car\"; \"unable to obtain funds\"  ",
	"01835496 38 v 01 run 0 003 @ 01831531 v 0000 + 00795720 n 0101 ~ 01836246 v 0000 02 + 01 00 + 02 00 | move fast by using one's feet; \"Don't run--you'll be late\"  ",
}

func TestParseSynsetLine(t *testing.T) {
	s, err := parseSynsetLine(sampleLines[1])
	if err != nil {
		t.Fatal(err)
	}
	if s.offset != 14358 || s.pos != AdjSat || len(s.lemmas) != 2 || s.lemmas[1].name != "galore" || s.lemmas[1].marker != "(ip)" {
		t.Errorf("parsed %+v", s)
	}
	if s.definition != "existing in abundance" || len(s.examples) != 2 || s.examples[1] != "whiskey galore" {
		t.Errorf("gloss %q %q", s.definition, s.examples)
	}
	v, err := parseSynsetLine(sampleLines[3])
	if err != nil {
		t.Fatal(err)
	}
	if len(v.frameIDs) != 2 || len(v.lemmas[0].ptrs) != 1 || len(v.ptrs) != 2 {
		t.Errorf("verb parsed %+v", v)
	}
	bad := []string{
		"",
		"no bar here",
		"00001740 03 n 01 entity 0 000 | a | b",
		"00001740 99 n 01 entity 0 000 | x",
		"00001740 03 q 01 entity 0 000 | x",
		"00001740 03 n 00 000 | x",
		"00001740 03 n 02 entity 0 000 | x",
		"00001740 03 n 01 entity 0 002 @ 1 n 0000 | x",
		"00001740 03 n 01 entity 0 001 ! 1 n 0501 | x",
		"01835496 38 v 01 run 0 000 01 + 99 00 | x",
		"01835496 38 v 01 run 0 000 01 + 01 05 | x",
		"01835496 38 v 01 run 0 000 01 - 01 00 | x",
		"-0000001 03 n 01 entity 0 000 | x",
	}
	for _, line := range bad {
		if _, err := parseSynsetLine(line); err == nil {
			t.Errorf("parseSynsetLine(%q) succeeded", line)
		} else if !strings.HasPrefix(err.Error(), "wordnet: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
}

// FuzzParseSynsetLine feeds arbitrary lines to the data-line parser: it
// must return a synset or an error, never panic, and what it returns must
// be consistent.
func FuzzParseSynsetLine(f *testing.F) {
	for _, l := range sampleLines {
		f.Add(l)
	}
	f.Add("00000000 00 n 1 x 0 0 | \"")
	// nasty cases: word and pointer counts far beyond the line, an offset
	// past 2^31, a frame count with no frames, a line cut after its counts
	f.Add("00000000 03 n ff dog 0 0 | x")
	f.Add("00000000 03 n 01 dog 0 999999999999 @ 00000001 n 0000 | x")
	f.Add("99999999999 03 n 01 dog 0 000 | x")
	f.Add("00000000 29 v 01 run 0 000 99999 + 02 00 | x")
	f.Add("00000000 03 n 02 dog 0")
	f.Fuzz(func(t *testing.T, line string) {
		s, err := parseSynsetLine(line)
		if err != nil {
			return
		}
		if len(s.lemmas) == 0 || s.lexnum < 0 || s.lexnum >= len(lexnames) {
			t.Fatalf("inconsistent synset from %q", line)
		}
		for _, l := range s.lemmas {
			for _, p := range l.ptrs {
				if p.src < 0 || p.src >= len(s.lemmas) {
					t.Fatalf("pointer source out of range from %q", line)
				}
			}
			for _, id := range l.frameIDs {
				if id <= 0 || id >= len(verbFrames) {
					t.Fatalf("frame out of range from %q", line)
				}
			}
			l.FrameStrings()
		}
	})
}

// FuzzParseIndexLine does the same for index lines.
func FuzzParseIndexLine(f *testing.F) {
	f.Add("dog n 7 5 @ ~ #m #p %p 7 1 02084071 10114209 10023039 09886220 07676602 03907626 02710044")
	f.Add("'hood n 1 2 @ ; 1 0 08641944")
	f.Add("dog n 999999999999 0 999999999999 1 02084071")
	f.Add("dog n 1 1 @ 1 0")
	f.Fuzz(func(t *testing.T, line string) {
		lemma, offs, err := parseIndexLine(line, nil)
		if err == nil && (lemma == "" || len(offs) == 0) {
			t.Fatalf("inconsistent index entry from %q", line)
		}
	})
}
