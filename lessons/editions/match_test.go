package editions

import (
	"os"
	"path/filepath"
	"testing"
)

// pending lists the lessons whose Chinese edition is not written yet.
var pending = map[string]bool{}

// TestEditionsMatch is the drift test: every Chinese notebook runs the
// same code as its English edition outside its marked cells, and its
// marked cells' needs exist. Untranslated prose (cells Sync brought from
// the English edition) is reported, not failed.
func TestEditionsMatch(t *testing.T) {
	zhs, _ := filepath.Glob("../../notebooks/zh/*.ipynb")
	ens, _ := filepath.Glob("../../notebooks/[0-9][0-9]-*.ipynb")
	if len(ens) == 0 {
		t.Fatal("no English notebooks found")
	}
	for _, enPath := range ens {
		name := filepath.Base(enPath)
		zhPath := filepath.Join("../../notebooks/zh", name)
		_, err := os.Stat(zhPath)
		switch {
		case err != nil && !pending[name[:2]]:
			t.Errorf("%s has no Chinese edition (%s)", name, zhPath)
		case err == nil && pending[name[:2]]:
			t.Errorf("%s has a Chinese edition now: take lesson %s off the pending list", name, name[:2])
		case err != nil:
			t.Logf("lesson %s: Chinese edition not written yet", name[:2])
		}
	}
	for _, zhPath := range zhs {
		name := filepath.Base(zhPath)
		en, err := Read(filepath.Join("../../notebooks", name))
		if err != nil {
			t.Errorf("%s: no English edition: %v", name, err)
			continue
		}
		zh, err := Read(zhPath)
		if err != nil {
			t.Error(err)
			continue
		}
		for _, d := range Check(en, zh) {
			t.Errorf("%s: %s", name, d)
		}
		if _, err := CINotebook(zh); err != nil {
			t.Error(err)
		}
		marked, untranslated := 0, 0
		for i, c := range zh.Cells {
			outs, _ := c.Raw["outputs"].([]any)
			for _, o := range outs {
				if m, _ := o.(map[string]any); m["output_type"] == "error" {
					t.Errorf("%s: %s holds an error output: committed notebooks never do", name, c.name(i))
				}
			}
			if c.Edition() != "" {
				marked++
			}
			if c.Untranslated() {
				untranslated++
			}
		}
		if marked == 0 {
			t.Errorf("%s: no marked cell (the first should call lessons.SetLanguage(\"zh\"))", name)
		}
		if untranslated > 0 {
			t.Logf("%s: %d cells still in English (marked untranslated by zhsync)", name, untranslated)
		}
	}
}
