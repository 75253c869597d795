package llm

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/plots"
)

// FamilyScore is the exact match of one model on one task family.
type FamilyScore struct {
	Family       string
	Right, Total int
}

// Rate is Right/Total (0 for no examples).
func (f FamilyScore) Rate() float64 {
	if f.Total == 0 {
		return 0
	}
	return float64(f.Right) / float64(f.Total)
}

// ExactMatch is a model's held-out exact match per task family, with a
// few of its answers to show.
type ExactMatch struct {
	Model    string
	Template string
	Families []FamilyScore // sorted by name
	Samples  []EvalSample
}

// EvalSample is one question, the model's answer and whether it was right.
type EvalSample struct {
	Family, Input, Answer, Reference string
	Right                            bool
}

// EvaluateExactMatch asks m every test example with template t (greedy
// decoding, exemplars from shots) and checks the extracted answer with the
// family's checker.
func EvaluateExactMatch(ctx context.Context, name string, m *Model, d *instruct.Dataset, test []instruct.Example, t instruct.Template, shots []instruct.Example) (*ExactMatch, error) {
	byFam := map[string]*FamilyScore{}
	res := &ExactMatch{Model: name, Template: t.Name()}
	for _, ex := range test {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := t.Format(ex, shots)
		resp, err := m.Sample(m.Encode(p.Prompt), SampleConfig{MaxTokens: maxResponseTokens(t), Greedy: true}, nil)
		if err != nil {
			return nil, err
		}
		ans := t.Answer(resp.Text)
		ok := d.Check(ex, ans)
		f := byFam[ex.Task]
		if f == nil {
			f = &FamilyScore{Family: ex.Task}
			byFam[ex.Task] = f
		}
		f.Total++
		if ok {
			f.Right++
		}
		if f.Total <= 3 {
			res.Samples = append(res.Samples, EvalSample{Family: ex.Task, Input: ex.Input, Answer: ans, Reference: ex.Answer, Right: ok})
		}
	}
	for _, f := range byFam {
		res.Families = append(res.Families, *f)
	}
	slices.SortFunc(res.Families, func(a, b FamilyScore) int { return strings.Compare(a.Family, b.Family) })
	return res, nil
}

func maxResponseTokens(t instruct.Template) int {
	if t.CoT {
		return 48
	}
	return 16
}

// Overall is the exact match over all families together.
func (e *ExactMatch) Overall() float64 {
	var r, n int
	for _, f := range e.Families {
		r += f.Right
		n += f.Total
	}
	if n == 0 {
		return 0
	}
	return float64(r) / float64(n)
}

// Rate is the exact match on one family (0 if it was not evaluated).
func (e *ExactMatch) Rate(family string) float64 {
	for _, f := range e.Families {
		if f.Family == family {
			return f.Rate()
		}
	}
	return 0
}

// ExactMatchTable compares models family by family (one column each).
type ExactMatchTable []*ExactMatch

// Table is the comparison as a plots.Table.
func (ts ExactMatchTable) Table() *plots.Table {
	cols := []string{"family", "n"}
	for _, e := range ts {
		cols = append(cols, e.Model)
	}
	tb := plots.NewTable(cols...)
	if len(ts) == 0 {
		return tb
	}
	for i, f := range ts[0].Families {
		row := []any{f.Family, f.Total}
		for _, e := range ts {
			if i < len(e.Families) {
				row = append(row, fmt.Sprintf("%.0f%% (%d)", 100*e.Families[i].Rate(), e.Families[i].Right))
			} else {
				row = append(row, "")
			}
		}
		tb.Row(row...)
	}
	row := []any{"all", 0}
	for _, f := range ts[0].Families {
		row[1] = row[1].(int) + f.Total
	}
	for _, e := range ts {
		row = append(row, fmt.Sprintf("%.0f%%", 100*e.Overall()))
	}
	tb.Row(row...)
	tb.Caption = "Held-out exact match (" + ts[0].Template + ", greedy decoding)"
	return tb
}

// Render shows the table.
func (ts ExactMatchTable) Render() plots.Bundle { return ts.Table().Render() }

// String is the text table.
func (ts ExactMatchTable) String() string { return ts.Table().String() }

// SamplesTable lists a few answers of e.
func (e *ExactMatch) SamplesTable() *plots.Table {
	tb := plots.NewTable("family", "input", "answer", "reference", "right")
	for _, s := range e.Samples {
		tb.Row(s.Family, short(s.Input), s.Answer, s.Reference, s.Right)
	}
	tb.Caption = e.Model + ": some held-out answers"
	return tb
}

var (
	_ plots.Renderer = ExactMatchTable(nil)
)

// short cuts s to 30 characters for a table cell.
func short(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
