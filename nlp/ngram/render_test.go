package ngram

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestRenderGolden compares the rendered displays with the files under
// testdata/golden (regenerate with go test -run TestRenderGolden -update;
// inspect them in a browser before committing).
func TestRenderGolden(t *testing.T) {
	m, err := Train(lecture, Config{Order: 3})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := MeasureSparsity(lecture[:8], lecture[8:], 4)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]plots.Renderer{
		"nextwords":  m.NextWords([]string{"today", "the"}, 5),
		"generation": m.Generate([]string{"<s>", "today"}, 12, Sampling{Seed: 4}),
		"trace":      m.Explain("price", []string{"today", "the"}),
		"sparsity":   sp,
		"model":      m,
	}
	for name, r := range cases {
		b := r.Render()
		for mime, ext := range map[string]string{plots.MIMEText: ".txt", plots.MIMEHTML: ".html", plots.MIMESVG: ".svg"} {
			got, ok := b[mime]
			if !ok {
				continue
			}
			path := filepath.Join("testdata", "golden", name+ext)
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s", name, path)
			}
		}
		if mime := plots.MIMEHTML; b[mime] != "" && (strings.Contains(b[mime], "http://") || strings.Contains(b[mime], "https://") || strings.Contains(b[mime], "<script")) {
			t.Errorf("%s: HTML is not self-contained", name)
		}
	}
}
