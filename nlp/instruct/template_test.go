package instruct

import (
	"testing"
)

var sumEx = Example{Task: "arithmetic", Instruction: "Compute the result.", Input: "17 + 25", Answer: "42",
	Reasoning: "units 7 + 5 = 12, write 2 carry 1; tens 1 + 2 + 1 = 4."}
var shotEx = Example{Task: "arithmetic", Instruction: "Compute the result.", Input: "12 + 30", Answer: "42",
	Reasoning: "units 2 + 0 = 2, write 2 carry 0; tens 1 + 3 + 0 = 4."}

func TestTemplates(t *testing.T) {
	for _, tc := range []struct {
		tmpl           Template
		name           string
		prompt, target string
	}{
		{ZeroShot(false), "zero-shot",
			"Instruction: Compute the result.\nInput: 17 + 25\nAnswer:", " 42\n"},
		{ZeroShot(true), "zero-shot CoT",
			"Instruction: Compute the result.\nInput: 17 + 25\nAnswer:",
			" units 7 + 5 = 12, write 2 carry 1; tens 1 + 2 + 1 = 4. The answer is 42.\n"},
		{FewShot(2, false), "2-shot",
			"Instruction: Compute the result.\nInput: 12 + 30\nAnswer: 42\n\nInput: 17 + 25\nAnswer:", " 42\n"},
		{FewShot(1, true), "1-shot CoT",
			"Instruction: Compute the result.\nInput: 12 + 30\nAnswer: units 2 + 0 = 2, write 2 carry 0; tens 1 + 3 + 0 = 4. The answer is 42.\n\nInput: 17 + 25\nAnswer:",
			" units 7 + 5 = 12, write 2 carry 1; tens 1 + 2 + 1 = 4. The answer is 42.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The query itself is skipped as an exemplar.
			p := tc.tmpl.Format(sumEx, []Example{sumEx, shotEx})
			if tc.tmpl.Name() != tc.name {
				t.Errorf("Name = %q", tc.tmpl.Name())
			}
			if p.Prompt != tc.prompt {
				t.Errorf("prompt\n%q\nwant\n%q", p.Prompt, tc.prompt)
			}
			if p.Response != tc.target {
				t.Errorf("response %q, want %q", p.Response, tc.target)
			}
			if a := tc.tmpl.Answer(p.Response); a != "42" {
				t.Errorf("Answer(%q) = %q", p.Response, a)
			}
		})
	}
}

func TestTemplateAnswer(t *testing.T) {
	var tm Template
	for in, want := range map[string]string{
		" 42\nInput: junk":                 "42",
		" so 3 + 4. The answer is 7.\n...": "7",
		"  Paris  ":                        "Paris",
		"":                                 "",
	} {
		if got := tm.Answer(in); got != want {
			t.Errorf("Answer(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPairEncode(t *testing.T) {
	p := ZeroShot(false).Format(sumEx, nil)
	ids, mask := p.Encode(byteEncoder{})
	if len(ids) != len(p.Prompt)+len(p.Response) {
		t.Fatalf("%d ids", len(ids))
	}
	n := 0
	for i, m := range mask {
		if m {
			n++
			if i < len(p.Prompt) {
				t.Fatalf("prompt position %d is in the mask", i)
			}
		}
	}
	if n != len(p.Response) {
		t.Errorf("%d masked-in tokens, want the %d of the response", n, len(p.Response))
	}
}

func TestFewShotUsesSameInstruction(t *testing.T) {
	other := Example{Task: "capitals", Instruction: "Name the capital city of the country.", Input: "France", Answer: "Paris"}
	p := FewShot(3, false).Format(sumEx, []Example{other, shotEx, other})
	want := "Instruction: Compute the result.\nInput: 12 + 30\nAnswer: 42\n\nInput: 17 + 25\nAnswer:"
	if p.Prompt != want {
		t.Errorf("prompt %q, want only the arithmetic exemplar: %q", p.Prompt, want)
	}
}

// byteEncoder gives one (zero) id per byte.
type byteEncoder struct{}

func (byteEncoder) Encode(s string) []int { return make([]int, len(s)) }
