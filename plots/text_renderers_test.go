package plots

import (
	"math"
	"strings"
	"testing"
)

func sampleTokens() []Token {
	return []Token{
		{Text: "The", P: 0.21},
		{Text: " cat", P: 0.012, Alts: []Alternative{{" dog", 0.031}, {" man", 0.02}}},
		{Text: " sat", P: 0.33},
		{Text: " on", P: 0.62},
		{Text: " <the>", P: 0.91},
	}
}

func TestHighlightedText(t *testing.T) {
	h := &HighlightedText{Tokens: sampleTokens()}
	b := h.Render()
	// Only " cat" (p = 0.012) is under the default 0.05.
	wantText := "The ⟦cat⟧ sat on <the>\n(⟦…⟧: 1 of 5 tokens with p < 0.05)"
	if b[MIMEText] != wantText {
		t.Errorf("text\n got %q\nwant %q", b[MIMEText], wantText)
	}
	// −log₂ 0.012 = 6.38 bits; the alternatives appear in the tooltip.
	for _, want := range []string{`p = 0.012 (6.38 bits)`, `&#34; dog&#34; 0.031`, "&lt;the&gt;", "hover a token"} {
		if !strings.Contains(b[MIMEHTML], want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	golden(t, "highlight.golden.html", b[MIMEHTML])
	s := (&HighlightedText{Tokens: sampleTokens(), Color: BySurprisal, Join: "|", LowP: 0.5}).Render()
	golden(t, "highlight_surprisal.golden.html", s[MIMEHTML])
	if !strings.Contains(s[MIMEText], "(⟦…⟧: 3 of 5 tokens with p < 0.5)") {
		t.Errorf("surprisal text: %q", s[MIMEText])
	}
}

// Invalid settings are rendered as the error naming the field and the
// value, not as a silent default (LowP −0.1 or NaN used to mean 0.05, 1.5
// marked every token).
func TestHighlightedTextRejects(t *testing.T) {
	for _, tc := range []struct {
		h    HighlightedText
		want string
	}{
		{HighlightedText{LowP: -0.1}, "plots: HighlightedText.LowP must be a probability in [0, 1] (0: 0.05), got -0.1"},
		{HighlightedText{LowP: math.NaN()}, "got NaN"},
		{HighlightedText{LowP: math.Inf(1)}, "got +Inf"},
		{HighlightedText{LowP: 1.5}, "got 1.5"},
		{HighlightedText{Color: 7}, "plots: HighlightedText.Color must be ByProbability or BySurprisal, got 7"},
	} {
		tc.h.Tokens = sampleTokens()
		b := tc.h.Render()
		if !strings.Contains(b[MIMEText], tc.want) || b[MIMEHTML] != "" {
			t.Errorf("LowP %g, Color %d: rendered %q (HTML %d bytes), want the error %q", tc.h.LowP, tc.h.Color, b[MIMEText], len(b[MIMEHTML]), tc.want)
		}
	}
	if err := (&HighlightedText{LowP: 1}).Validate(); err != nil {
		t.Errorf("LowP 1: %v", err)
	}
}

func TestTokenColor(t *testing.T) {
	h := &HighlightedText{}
	tests := []struct {
		p    float64
		want string
	}{
		{0, "rgb(255,170,170)"},   // red
		{0.5, "rgb(255,255,170)"}, // yellow
		{1, "rgb(85,255,170)"},    // green
	}
	for _, tt := range tests {
		if got := h.tokenColor(tt.p); got != tt.want {
			t.Errorf("tokenColor(%v) = %s, want %s", tt.p, got, tt.want)
		}
	}
	h.Color = BySurprisal
	// 1/1024 is 10 bits, the darkest: 255 − 175 = 80.
	if got := h.tokenColor(1.0 / 1024); got != "rgb(255,80,80)" {
		t.Errorf("surprisal colour %s", got)
	}
}

func TestTree(t *testing.T) {
	tr := Chain("entity.n.01", "physical_entity.n.01", "object.n.01")
	tr.Children[0].Add(&Tree{Label: "thing.n.12", Note: "a separate and self-contained entity"})
	b := tr.Render()
	want := `entity.n.01
└── physical_entity.n.01
    ├── object.n.01
    └── thing.n.12  (a separate and self-contained entity)`
	if b[MIMEText] != want {
		t.Errorf("text\n%s\nwant\n%s", b[MIMEText], want)
	}
	golden(t, "tree.golden.html", b[MIMEHTML])
	var nilTree *Tree
	if nilTree.Render()[MIMEText] != "(empty tree)" {
		t.Error("nil tree")
	}
}

func TestChat(t *testing.T) {
	c := NewChat().System("Be brief.").User("What is a language model?").
		Assistant("A probability distribution over text:\nP(w1 … wn).")
	c.Turns[2].Note = "reward 0.82"
	b := c.Render()
	want := "system: Be brief.\nuser: What is a language model?\n" +
		"assistant: A probability distribution over text:\n           P(w1 … wn).  [reward 0.82]"
	if b[MIMEText] != want {
		t.Errorf("text\n%s\nwant\n%s", b[MIMEText], want)
	}
	golden(t, "chat.golden.html", b[MIMEHTML])
}
