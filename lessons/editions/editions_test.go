package editions

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nb builds a notebook from cells written as "code id source",
// "md id source" or "zh id source [replaces] [needs]".
func nb(t *testing.T, cells ...[]string) *Notebook {
	t.Helper()
	var raw []any
	for _, c := range cells {
		m := map[string]any{"id": c[1], "metadata": map[string]any{}, "source": c[2]}
		switch c[0] {
		case "md":
			m["cell_type"] = "markdown"
		case "code", "zh":
			m["cell_type"] = "code"
			m["outputs"] = []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "out of " + c[1]}}
		}
		if c[0] == "zh" {
			l := map[string]any{"edition": "zh"}
			if len(c) > 3 && c[3] != "" {
				l["replaces"] = []any{c[3]}
			}
			if len(c) > 4 {
				l["needs"] = []any{c[4]}
			}
			m["metadata"] = map[string]any{"lingo": l}
		}
		raw = append(raw, m)
	}
	b, _ := json.Marshal(map[string]any{"cells": raw, "metadata": map[string]any{}, "nbformat": 4, "nbformat_minor": 5})
	n, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func english(t *testing.T) *Notebook {
	return nb(t,
		[]string{"md", "m1", "# Lesson"},
		[]string{"code", "c1", "x := 1"},
		[]string{"md", "m2", "Counting English words:"},
		[]string{"code", "c2", "count(sotu)"},
		[]string{"code", "c3", "x + 1"},
	)
}

func chinese(t *testing.T) *Notebook {
	return nb(t,
		[]string{"zh", "lang", `lessons.SetLanguage("zh")`},
		[]string{"md", "m1", "# 课程"},
		[]string{"code", "c1", "x := 1"},
		[]string{"md", "m2", "统计中文词："},
		[]string{"zh", "zh2", "count(manpages)", "c2", "c1"},
		[]string{"code", "c3", "x + 1"},
	)
}

func TestCheckAgrees(t *testing.T) {
	if d := Check(english(t), chinese(t)); len(d) != 0 {
		t.Fatalf("editions that agree: %q", d)
	}
}

// TestCheckFindsDrift: a changed line, a cell added to either edition, a
// marked cell replacing an unknown id, a cell marked for an unknown
// edition.
func TestCheckFindsDrift(t *testing.T) {
	en := english(t)
	zh := chinese(t)
	zh.Cells[5].SetSource("x + 2")
	d := Check(en, zh)
	if len(d) != 1 || !strings.Contains(d[0], `line 1: en "x + 1", zh "x + 2"`) {
		t.Errorf("changed line: %q", d)
	}

	en = english(t)
	en.Cells = append(en.Cells, nb(t, []string{"code", "c4", "y := 2"}).Cells[0])
	if d := Check(en, chinese(t)); len(d) != 1 || !strings.Contains(d[0], "(c4) has no twin") {
		t.Errorf("English cell added: %q", d)
	}

	zh = chinese(t)
	zh.Cells = append(zh.Cells, nb(t, []string{"code", "z9", "extra()"}).Cells[0])
	if d := Check(english(t), zh); len(d) != 1 || !strings.Contains(d[0], "(z9) is not in the English edition") {
		t.Errorf("Chinese cell added unmarked: %q", d)
	}

	zh = chinese(t)
	zh.Cells[4].setLingo("replaces", []any{"gone"})
	d = Check(english(t), zh)
	if len(d) < 2 || !strings.Contains(d[0], `replaces "gone"`) || !strings.Contains(strings.Join(d, "\n"), "(c3) has no twin") {
		t.Errorf("unknown replaced id: %q", d)
	}

	zh = chinese(t)
	zh.Cells[0].setLingo("edition", "fr")
	if d := Check(english(t), zh); len(d) != 1 || !strings.Contains(d[0], `edition "fr"`) {
		t.Errorf("unknown edition: %q", d)
	}
}

// TestSync: an edited English cell is copied (its stale outputs dropped), a
// removed one removed, a new one inserted with its markdown marked
// untranslated; Chinese prose and marked cells stay; afterwards Check is
// clean.
func TestSync(t *testing.T) {
	en := english(t)
	en.Cells[4].SetSource("x + 10") // edited
	en.Cells = append(en.Cells[:1], en.Cells[2:]...)
	en.Cells = append(en.Cells[:1], append([]*Cell{}, en.Cells[1:]...)...)
	extra := nb(t, []string{"md", "m5", "A new section."}, []string{"code", "c5", "newCell()"}).Cells
	en.Cells = append(en.Cells, extra...)
	// drop c1 from English: m1, m2, c2, c3(edited), m5, c5
	en.Cells = append(en.Cells[:1], en.Cells[2:]...)
	zh := chinese(t)
	report := Sync(en, zh)
	if d := Check(en, zh); len(d) != 0 {
		t.Fatalf("after Sync: %q\nreport %q", d, report)
	}
	var ids []string
	for _, c := range zh.Cells {
		ids = append(ids, c.ID())
	}
	if got := strings.Join(ids, " "); got != "lang m1 m2 zh2 c3 m5 c5" {
		t.Errorf("cells after Sync: %s\nreport %q", got, report)
	}
	if zh.Cells[1].Source() != "# 课程" || zh.Cells[3].Source() != "count(manpages)" {
		t.Error("Sync changed Chinese prose or a marked cell")
	}
	if !zh.Cells[5].Untranslated() || zh.Cells[1].Untranslated() {
		t.Error("the new English markdown is not marked untranslated, or old prose is")
	}
	if outs, _ := zh.Cells[4].Raw["outputs"].([]any); len(outs) != 0 {
		t.Errorf("the copied cell kept the old code's outputs: %v", outs)
	}
	if len(report) != 3 {
		t.Errorf("report: %q", report)
	}
}

// TestSyncWithoutIDs pairs cells without ids by position between paired
// cells, so an edit is a copy, not a removal and an insertion.
func TestSyncWithoutIDs(t *testing.T) {
	en := nb(t, []string{"code", "a", "a()"}, []string{"code", "", "widget(1)"}, []string{"code", "b", "b()"})
	zh := nb(t, []string{"code", "a", "a()"}, []string{"code", "", "widget(0)"}, []string{"md", "", "中文"}, []string{"code", "b", "b()"})
	report := Sync(en, zh)
	if len(zh.Cells) != 4 || zh.Cells[1].Source() != "widget(1)" || len(report) != 1 {
		t.Errorf("cells %d, report %q", len(zh.Cells), report)
	}
}

// TestCINotebook keeps the marked cells and the cells they need, in order,
// and refuses a need the notebook does not have.
func TestCINotebook(t *testing.T) {
	ci, err := CINotebook(chinese(t))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range ci.Cells {
		ids = append(ids, c.ID())
	}
	if got := strings.Join(ids, " "); got != "lang c1 zh2" {
		t.Errorf("CI cells: %s", got)
	}
	zh := chinese(t)
	zh.Cells[4].setLingo("needs", []any{"nowhere"})
	if _, err := CINotebook(zh); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("missing need: %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{``, `[]`, `{"cells": 3}`, `{"cells": [1]}`, `{"cells": [{}]}`} {
		if _, err := Parse([]byte(s)); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}

// TestWriteRoundTrip: writing a notebook read from disk keeps its cells,
// numbers and non-ASCII text.
func TestWriteRoundTrip(t *testing.T) {
	zh := chinese(t)
	p := filepath.Join(t.TempDir(), "x.ipynb")
	if err := zh.WriteFile(p); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if !strings.Contains(string(b), "# 课程") || !strings.Contains(string(b), `"nbformat": 4`) {
		t.Errorf("written:\n%s", b)
	}
	back, err := Read(p)
	if err != nil || len(back.Cells) != len(zh.Cells) || Check(english(t), back) != nil {
		t.Errorf("read back: %v, %d cells", err, len(back.Cells))
	}
}
