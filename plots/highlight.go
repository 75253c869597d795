package plots

import (
	"fmt"
	"math"
	"strings"
)

// An Alternative is a token the model could have produced instead, with its
// probability.
type Alternative struct {
	Text string
	P    float64
}

// A Token is one piece of generated (or scored) text with the probability
// the model gave it and, optionally, the top-k alternatives at that step.
type Token struct {
	Text string
	P    float64
	Alts []Alternative
}

// ColorBy chooses what the colour of a highlighted token encodes.
type ColorBy int

const (
	// ByProbability colours likely tokens green and unlikely ones red.
	ByProbability ColorBy = iota
	// BySurprisal colours by −log₂ p: white for 0 bits, darker red for more.
	BySurprisal
)

// DefaultLowP is the probability under which HighlightedText's text form
// marks a token as unlikely.
const DefaultLowP = 0.05

// HighlightedText shows tokens coloured by how likely the model found them,
// with a legend. Hovering a token shows its probability, surprisal and the
// alternatives (a title attribute, so it works without JavaScript). The
// text form marks unlikely tokens with ⟦…⟧.
type HighlightedText struct {
	Tokens []Token
	Color  ColorBy
	// LowP is the threshold of the ⟦…⟧ marks, a probability in [0, 1];
	// 0 means DefaultLowP.
	LowP float64
	// Join is put between tokens; the zero value "" suits sub-word tokens
	// that carry their own spaces, use " " for word tokens.
	Join string
}

var _ Renderer = (*HighlightedText)(nil)

// maxBits is the surprisal shown darkest: p = 2⁻¹⁰ ≈ 0.001.
const maxBits = 10

func surprisal(p float64) float64 {
	if p <= 0 {
		return math.Inf(1)
	}
	return -math.Log2(p)
}

// tokenColor is the background colour of a token: a red→yellow→green ramp
// over p, or a white→red ramp over surprisal.
func (h *HighlightedText) tokenColor(p float64) string {
	if h.Color == BySurprisal {
		f := math.Min(surprisal(p)/maxBits, 1)
		if math.IsNaN(f) {
			f = 1
		}
		g := int(math.Round(255 - 175*f))
		return fmt.Sprintf("rgb(255,%d,%d)", g, g)
	}
	f := math.Max(0, math.Min(1, p))
	if math.IsNaN(p) {
		f = 0
	}
	// Pale colours, so black text stays readable.
	var r, g int
	if f < 0.5 {
		r, g = 255, int(math.Round(170+170*f))
	} else {
		r, g = int(math.Round(255-170*(f-0.5)*2)), 255
	}
	return fmt.Sprintf("rgb(%d,%d,170)", r, g)
}

// Validate returns an error naming LowP unless it is a number in [0, 1],
// or naming Color unless it is ByProbability or BySurprisal. Rendering an
// invalid HighlightedText shows the error.
func (h *HighlightedText) Validate() error {
	if !(h.LowP >= 0 && h.LowP <= 1) {
		return fmt.Errorf("plots: HighlightedText.LowP must be a probability in [0, 1] (0: %g), got %g", DefaultLowP, h.LowP)
	}
	if h.Color != ByProbability && h.Color != BySurprisal {
		return fmt.Errorf("plots: HighlightedText.Color must be ByProbability or BySurprisal, got %d", int(h.Color))
	}
	return nil
}

func (h *HighlightedText) lowP() float64 {
	if h.LowP > 0 {
		return h.LowP
	}
	return DefaultLowP
}

// tooltip is the hover text of token t.
func tooltip(t Token) string {
	s := fmt.Sprintf("p = %s (%s bits)", FormatNumber(t.P), FormatNumber(math.Round(surprisal(t.P)*100)/100))
	for i, a := range t.Alts {
		if i == 0 {
			s += "\nalternatives:"
		}
		s += fmt.Sprintf("\n  %q %s", a.Text, FormatNumber(a.P))
	}
	return s
}

// Render returns coloured HTML with a legend and the marked text form, or
// only the error of Validate.
func (h *HighlightedText) Render() Bundle {
	if err := h.Validate(); err != nil {
		return Bundle{MIMEText: err.Error()}
	}
	var sb strings.Builder
	sb.WriteString(`<div class="lingo-highlight" style="font:14px/1.9 system-ui,sans-serif">`)
	sb.WriteString(`<style>.lingo-tok{border-radius:3px;padding:1px 1px;white-space:pre-wrap;cursor:help}` +
		`.lingo-tok:hover{outline:1px solid #333}</style><div>`)
	for i, t := range h.Tokens {
		if i > 0 && h.Join != "" {
			sb.WriteString(esc(h.Join))
		}
		fmt.Fprintf(&sb, `<span class="lingo-tok" style="background:%s" title="%s">%s</span>`,
			h.tokenColor(t.P), esc(tooltip(t)), esc(t.Text))
	}
	sb.WriteString(`</div><div style="font-size:11px;color:#555;margin-top:4px">`)
	if h.Color == BySurprisal {
		sb.WriteString("surprisal: ")
		for _, bits := range []float64{0, 2, 4, 6, 8, 10} {
			fmt.Fprintf(&sb, `<span style="background:%s;padding:0 6px">%g</span>`, h.tokenColor(math.Pow(2, -bits)), bits)
		}
		sb.WriteString(" bits (−log₂ p)")
	} else {
		sb.WriteString("probability: ")
		for _, p := range []float64{0, 0.2, 0.4, 0.6, 0.8, 1} {
			fmt.Fprintf(&sb, `<span style="background:%s;padding:0 6px">%g</span>`, h.tokenColor(p), p)
		}
	}
	sb.WriteString(" · hover a token for its alternatives</div></div>")
	return Bundle{MIMEHTML: sb.String(), MIMEText: h.text()}
}

func (h *HighlightedText) text() string {
	var sb strings.Builder
	low := 0
	for i, t := range h.Tokens {
		if i > 0 {
			sb.WriteString(h.Join)
		}
		if t.P < h.lowP() {
			low++
			// Keep a sub-word token's leading space outside the marks.
			trimmed := strings.TrimLeft(t.Text, " ")
			sb.WriteString(t.Text[:len(t.Text)-len(trimmed)] + "⟦" + trimmed + "⟧")
		} else {
			sb.WriteString(t.Text)
		}
	}
	fmt.Fprintf(&sb, "\n(⟦…⟧: %d of %d tokens with p < %s)", low, len(h.Tokens), FormatNumber(h.lowP()))
	return sb.String()
}
