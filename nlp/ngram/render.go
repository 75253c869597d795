package ngram

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

var (
	_ plots.Renderer = (*NextWords)(nil)
	_ plots.Renderer = (*Generation)(nil)
	_ plots.Renderer = (*Trace)(nil)
)

const tableCSS = `<style>.lingo-ngram{border-collapse:collapse;font-family:sans-serif;font-size:13px}` +
	`.lingo-ngram td,.lingo-ngram th{padding:2px 8px;text-align:left}` +
	`.lingo-ngram th{border-bottom:1px solid #999}.lingo-ngram td.num{text-align:right;font-variant-numeric:tabular-nums}` +
	`.lingo-ngram .bar{background:#4878d0;height:12px;display:inline-block;vertical-align:middle}` +
	`.lingo-gen span{padding:1px 2px;margin:1px;border-radius:3px;display:inline-block}</style>`

func esc(s string) string { return html.EscapeString(s) }

func joinCtx(ctx []string) string {
	if len(ctx) == 0 {
		return "∅"
	}
	return strings.Join(ctx, " ")
}

// Render shows the table with a probability bar per word.
func (nw *NextWords) Render() plots.Bundle {
	var t, h strings.Builder
	fmt.Fprintf(&t, "P(w | %s)  [%s]\n", joinCtx(nw.Context), nw.Model)
	pmax := 0.0
	width := 4
	for _, c := range nw.Words {
		pmax = math.Max(pmax, c.Prob)
		width = max(width, len([]rune(c.Word)))
	}
	h.WriteString(tableCSS)
	fmt.Fprintf(&h, `<table class="lingo-ngram"><caption>P(w | <b>%s</b>) — %s</caption>`, esc(joinCtx(nw.Context)), esc(nw.Model))
	h.WriteString(`<tr><th>#</th><th>w</th><th>P(w | h)</th><th></th><th>count</th><th>order</th></tr>`)
	for i, c := range nw.Words {
		bar := 0
		if pmax > 0 {
			bar = int(math.Round(20 * c.Prob / pmax))
		}
		fmt.Fprintf(&t, "%3d  %-*s  %.4f  %-20s  %6d  %d\n", i+1, width, c.Word, c.Prob, strings.Repeat("█", bar), c.Count, c.Order)
		fmt.Fprintf(&h, `<tr><td class="num">%d</td><td>%s</td><td class="num">%.4f</td><td><span class="bar" style="width:%dpx"></span></td><td class="num">%d</td><td class="num">%d</td></tr>`,
			i+1, esc(c.Word), c.Prob, int(math.Round(200*c.Prob/math.Max(pmax, 1e-300))), c.Count, c.Order)
	}
	h.WriteString(`</table>`)
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMEHTML: h.String()}
}

// probColor maps a probability to a background colour on a log scale: red
// for p ≤ 10⁻⁴, through yellow, to green for p = 1.
func probColor(p float64) string {
	x := 1.0
	if p > 0 {
		x = math.Min(1, math.Max(0, -math.Log10(p)/4))
	}
	hue := 120 * (1 - x)
	return fmt.Sprintf("hsl(%.0f,70%%,80%%)", hue)
}

// Render shows the text with each generated token coloured by its
// probability (green probable, red surprising); hovering shows P and the
// order that answered.
func (g *Generation) Render() plots.Bundle {
	if g.Err != nil {
		return plots.Bundle{plots.MIMEText: g.Err.Error()}
	}
	var t, h strings.Builder
	t.WriteString(strings.Join(g.Context, " "))
	h.WriteString(tableCSS + `<div class="lingo-gen" style="font-family:sans-serif;line-height:1.9">`)
	for _, w := range g.Context {
		fmt.Fprintf(&h, `<span style="color:#555">%s</span> `, esc(w))
	}
	for i, w := range g.Tokens {
		fmt.Fprintf(&t, " %s[%.3f]", w, g.Probs[i])
		fmt.Fprintf(&h, `<span style="background:%s" title="P = %.4g, %d-gram">%s</span> `, probColor(g.Probs[i]), g.Probs[i], g.Orders[i], esc(w))
	}
	if len(g.Probs) > 0 {
		lp := 0.0
		for _, p := range g.Probs {
			lp += math.Log2(p)
		}
		ppl := math.Pow(2, -lp/float64(len(g.Probs)))
		fmt.Fprintf(&t, "\n(%d tokens, perplexity %.2f)", len(g.Tokens), ppl)
		fmt.Fprintf(&h, `<div style="font-size:11px;color:#666">%d tokens, perplexity %.2f; colour = P(token | history): `+
			`<span style="background:%s">≥ 0.5</span><span style="background:%s">0.01</span><span style="background:%s">≤ 10⁻⁴</span></div>`,
			len(g.Tokens), ppl, probColor(0.5), probColor(0.01), probColor(1e-4))
	}
	h.WriteString(`</div>`)
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMEHTML: h.String()}
}

// Render shows the trace as a table, one row per order.
func (tr *Trace) Render() plots.Bundle {
	var t, h strings.Builder
	fmt.Fprintf(&t, "P(%s | %s) = %.6g  [%s]; answered by order %d\n", tr.Word, joinCtx(tr.Context), tr.Prob, tr.Model, tr.Answered)
	h.WriteString(tableCSS)
	fmt.Fprintf(&h, `<table class="lingo-ngram"><caption>P(%s | %s) = <b>%.6g</b> — %s; answered by order %d</caption>`,
		esc(tr.Word), esc(joinCtx(tr.Context)), tr.Prob, esc(tr.Model), tr.Answered)
	h.WriteString(`<tr><th>order</th><th>n-gram</th><th>c(h w)</th><th>c(h •)</th><th>α</th><th>γ</th><th>P</th></tr>`)
	for _, s := range tr.Steps {
		style := ""
		if s.Order == tr.Answered {
			style = ` style="background:#e6f0ff"`
		}
		fmt.Fprintf(&t, "  %d  %-30s  c=%d/%d  α=%.4g γ=%.4g  P=%.6g\n", s.Order, strings.Join(s.NGram, " "), s.Count, s.ContextCount, s.Alpha, s.Gamma, s.Prob)
		fmt.Fprintf(&h, `<tr%s><td class="num">%d</td><td>%s</td><td class="num">%d</td><td class="num">%d</td><td class="num">%.4g</td><td class="num">%.4g</td><td class="num">%.6g</td></tr>`,
			style, s.Order, esc(strings.Join(s.NGram, " ")), s.Count, s.ContextCount, s.Alpha, s.Gamma, s.Prob)
	}
	h.WriteString(`</table>`)
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMEHTML: h.String()}
}

var _ plots.Renderer = (*Model)(nil)

// Render summarises the model: per order the number of distinct n-grams,
// the counts of counts n1 … n4 and the discounts in use.
func (m *Model) Render() plots.Bundle {
	var t, h strings.Builder
	fmt.Fprintf(&t, "%s model, vocabulary %d\n", m.describe(), m.vocab.Len())
	h.WriteString(tableCSS)
	fmt.Fprintf(&h, `<table class="lingo-ngram"><caption>%s model, vocabulary %d</caption>`, esc(m.describe()), m.vocab.Len())
	h.WriteString(`<tr><th>n</th><th>n-grams</th><th>n1</th><th>n2</th><th>n3</th><th>n4</th><th>discount</th></tr>`)
	for k := 1; k <= m.cfg.Order; k++ {
		coc := m.CountsOfCounts(k, m.cfg.Smoothing == KneserNey || m.cfg.Smoothing == ModifiedKneserNey, 4)
		if coc == nil {
			coc = make([]int, 5)
		}
		disc := ""
		switch m.cfg.Smoothing {
		case KneserNey, AbsoluteDiscount:
			disc = fmt.Sprintf("D = %.3f", m.d[k])
		case ModifiedKneserNey:
			disc = fmt.Sprintf("D1 = %.3f, D2 = %.3f, D3+ = %.3f", m.d3[k][0], m.d3[k][1], m.d3[k][2])
		}
		fmt.Fprintf(&t, "  %d-grams %9d   n1..n4 %d %d %d %d   %s\n", k, m.NumNGrams(k), coc[1], coc[2], coc[3], coc[4], disc)
		fmt.Fprintf(&h, `<tr><td class="num">%d</td><td class="num">%d</td><td class="num">%d</td><td class="num">%d</td><td class="num">%d</td><td class="num">%d</td><td>%s</td></tr>`,
			k, m.NumNGrams(k), coc[1], coc[2], coc[3], coc[4], esc(disc))
	}
	h.WriteString(`</table>`)
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMEHTML: h.String()}
}
