package word2vec

import (
	"fmt"
	"html"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// Concordance is a keyword-in-context view: every occurrence of a word
// with the words around it, the distributional hypothesis made visible
// ("You shall know a word by the company it keeps", Firth 1957).
type Concordance struct {
	Word  string
	Lines []ContextLine
	Total int // occurrences in the corpus (Lines may hold fewer)
}

// ContextLine is one occurrence: up to width words either side.
type ContextLine struct {
	Left, Right []string
}

// KWIC collects up to maxLines occurrences of word (all if maxLines ≤ 0)
// with width words of context on each side.
func KWIC(sentences [][]string, word string, width, maxLines int) *Concordance {
	c := &Concordance{Word: word}
	for _, s := range sentences {
		for i, w := range s {
			if w != word {
				continue
			}
			c.Total++
			if maxLines > 0 && len(c.Lines) >= maxLines {
				continue
			}
			c.Lines = append(c.Lines, ContextLine{
				Left:  s[max(0, i-width):i],
				Right: s[i+1 : min(len(s), i+1+width)],
			})
		}
	}
	return c
}

var _ plots.Renderer = (*Concordance)(nil)

// String aligns the keyword in a column.
func (c *Concordance) String() string {
	left := 0
	for _, l := range c.Lines {
		left = max(left, len(strings.Join(l.Left, " ")))
	}
	var b strings.Builder
	for _, l := range c.Lines {
		fmt.Fprintf(&b, "%*s  %s  %s\n", left, strings.Join(l.Left, " "), c.Word, strings.Join(l.Right, " "))
	}
	fmt.Fprintf(&b, "(%d of %d occurrences of %q)\n", len(c.Lines), c.Total, c.Word)
	return b.String()
}

// Render shows the concordance as an HTML table with the keyword centred.
func (c *Concordance) Render() plots.Bundle {
	var b strings.Builder
	b.WriteString(`<table style="font-family:monospace">`)
	for _, l := range c.Lines {
		fmt.Fprintf(&b, `<tr><td style="text-align:right">%s</td><td style="text-align:center"><b>%s</b></td><td style="text-align:left">%s</td></tr>`,
			html.EscapeString(strings.Join(l.Left, " ")), html.EscapeString(c.Word), html.EscapeString(strings.Join(l.Right, " ")))
	}
	fmt.Fprintf(&b, `</table><p>%d of %d occurrences of <b>%s</b></p>`, len(c.Lines), c.Total, html.EscapeString(c.Word))
	return plots.Bundle{plots.MIMEHTML: b.String(), plots.MIMEText: c.String()}
}
