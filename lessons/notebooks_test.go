package lessons

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// A stored notebook as the tests read it.
type storedNotebook struct {
	Cells []struct {
		CellType string          `json:"cell_type"`
		ID       *string         `json:"id"`
		Source   json.RawMessage `json:"source"`
		Outputs  []struct {
			OutputType string                     `json:"output_type"`
			Text       json.RawMessage            `json:"text"`
			Data       map[string]json.RawMessage `json:"data"`
		} `json:"outputs"`
	} `json:"cells"`
}

// multiline decodes nbformat's string-or-list-of-strings.
func multiline(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var l []string
	json.Unmarshal(raw, &l)
	return strings.Join(l, "")
}

// shippedNotebooks names the lessons of both editions, relative to
// notebooks/: the English ones of Index and the Chinese ones in zh/.
func shippedNotebooks(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, l := range Index {
		names = append(names, l.Notebook)
	}
	zh, err := filepath.Glob(filepath.Join("..", "notebooks", "zh", "*.ipynb"))
	if err != nil || len(zh) == 0 {
		t.Fatalf("no Chinese notebooks in notebooks/zh (%v)", err)
	}
	for _, p := range zh {
		names = append(names, filepath.Join("zh", filepath.Base(p)))
	}
	return names
}

func readNotebook(t *testing.T, name string) *storedNotebook {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "notebooks", name))
	if err != nil {
		t.Fatal(err)
	}
	var nb storedNotebook
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &nb
}

// Jupyter Notebook draws every tab of a code cell as an arrow, so the
// shipped lessons indent their code with spaces, as a student's Tab key
// does in Jupyter.
func TestNotebookCodeHasNoTabs(t *testing.T) {
	for _, name := range shippedNotebooks(t) {
		nb := readNotebook(t, name)
		for i, c := range nb.Cells {
			if c.CellType == "code" && strings.Contains(multiline(c.Source), "\t") {
				t.Errorf("%s cell %d: a tab in the code (Jupyter shows it as an arrow); indent with 4 spaces", name, i)
			}
		}
	}
}

// Every cell has a unique id: nbformat 4.5 requires one, and Jupyter gives
// a cell without one a new random id on each read, so a signature made by
// lingo trust at install could never match and the lesson's charts would
// show as text.
func TestNotebookCellsHaveIDs(t *testing.T) {
	for _, name := range shippedNotebooks(t) {
		nb := readNotebook(t, name)
		seen := map[string]int{}
		for i, c := range nb.Cells {
			switch {
			case c.ID == nil || *c.ID == "":
				t.Errorf("%s cell %d has no id", name, i)
			case seen[*c.ID] > 0:
				t.Errorf("%s cell %d has the id %q of cell %d", name, i, *c.ID, seen[*c.ID]-1)
			default:
				seen[*c.ID] = i + 1
			}
		}
	}
}

// quoted matches a number as lesson text writes a measurement: digits with
// a decimal point or thousands commas, or a percentage, optionally followed
// by "million". Plain small integers (section numbers, n = 3, 5 epochs)
// are not checked.
var quoted = regexp.MustCompile(`(?:^|[^\w.,/−-])(\d+(?:\.\d+)?\s?%|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(\s*million)?`)

// outputNumber matches any number in an output's text, with the K, M or B
// of a count shown short ("4.6M tokens").
var outputNumber = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?[KMB]?`)

// aNumber is one number quoted by the text: its value, the decimals it
// shows, and whether it is a share in percent.
type aNumber struct {
	text     string
	value    float64
	decimals int
	percent  bool
	million  bool
}

func parseQuoted(m []string) aNumber {
	s := m[1]
	n := aNumber{text: m[1] + m[2]}
	if strings.HasSuffix(s, "%") {
		n.percent = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	s = strings.ReplaceAll(s, ",", "")
	n.value, _ = strconv.ParseFloat(s, 64)
	if i := strings.Index(s, "."); i >= 0 {
		n.decimals = len(s) - i - 1
	}
	n.million = m[2] != ""
	return n
}

// matches reports whether the output value v, shown in an output, is what
// the text quotes: equal once v is rounded to the decimals quoted (a
// percentage may also be quoted from a fraction, "0.336" → "33.6%"; a
// round number of thousands or millions is rounded to its last non-zero
// digit: "about 63,000" for 63174).
func (n aNumber) matches(v float64) bool {
	eq := func(v float64, decimals int, q float64) bool {
		p := math.Pow(10, float64(decimals))
		return math.Abs(math.Round(v*p)/p-q) < 0.5/p+1e-12
	}
	q, d := n.value, n.decimals
	if n.million {
		return eq(v/1e6, d, q)
	}
	if eq(v, d, q) || (n.percent && eq(100*v, d, q)) {
		return true
	}
	if d == 0 && q >= 1000 { // a round number: 63,000 ≈ 63174
		z := 0
		for r := int64(q); r%10 == 0 && r > 0; r /= 10 {
			z++
		}
		if z > 0 {
			p := math.Pow(10, float64(z))
			return math.Round(v/p)*p == q
		}
	}
	return false
}

// outputTexts returns the text/plain and stream text of code cell outputs.
func outputTexts(nb *storedNotebook, from, to int) string {
	var b strings.Builder
	for i := max(from, 0); i < min(to, len(nb.Cells)); i++ {
		for _, o := range nb.Cells[i].Outputs {
			b.WriteString(multiline(o.Text))
			b.WriteString(multiline(o.Data["text/plain"]))
			b.WriteString("\n")
		}
	}
	return b.String()
}

// quotedNumbers returns the numbers of a Markdown cell that look like
// measurements, outside math and code spans.
func quotedNumbers(md string) []aNumber {
	md = regexp.MustCompile("(?s)```.*?```|`[^`]*`|\\$\\$.*?\\$\\$|\\$[^$]*\\$|\\]\\([^)]*\\)").ReplaceAllString(md, " ")
	var out []aNumber
	for _, m := range quoted.FindAllStringSubmatch(md, -1) {
		out = append(out, parseQuoted(m))
	}
	return out
}

// TestLessonNumbersMatchOutputs checks every number a lesson's Markdown
// quotes as a measurement (0.62, 11,705, 33.6%, 1.8 million) against the
// notebook's stored outputs. A quoted number found in none of them is
// either wrong, or from a separate run (which belongs in docs/benchmarks.md),
// or not a measurement of this notebook; the last kind is listed in
// notOutputs with the reason.
func TestLessonNumbersMatchOutputs(t *testing.T) {
	for _, l := range Index {
		nb := readNotebook(t, l.Notebook)
		skip := notOutputs[l.Notebook]
		for i, c := range nb.Cells {
			if c.CellType != "markdown" {
				continue
			}
			// Lessons quote outputs before and after the text (a summary
			// looks back, an introduction ahead), so the window is the
			// whole notebook.
			lo, hi := 0, len(nb.Cells)
			text := outputTexts(nb, lo, hi)
			var values []float64
			for _, s := range outputNumber.FindAllString(text, -1) {
				scale := map[byte]float64{'K': 1e3, 'M': 1e6, 'B': 1e9}[s[len(s)-1]]
				if scale != 0 {
					s = s[:len(s)-1]
				}
				if v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil {
					values = append(values, v)
					if scale != 0 {
						values = append(values, v*scale)
					}
				}
			}
			for _, n := range quotedNumbers(multiline(c.Source)) {
				if skip[n.text] != "" {
					continue
				}
				found := false
				for _, v := range values {
					if n.matches(v) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("%s cell %d quotes %q, which no output around it shows", l.Notebook, i, n.text)
				}
			}
		}
	}
}

// notOutputs lists, per notebook, numbers the text quotes that are not
// measurements of the notebook's outputs, with the reason.
var notOutputs = map[string]map[string]string{
	"01-wordnet.ipynb":      {"3.8": "NLTK's version, whose output nlp/wordnet's tests compare"},
	"02-word-vectors.ipynb": {"2,000": "corpus.CILimit, the sentences read under LINGO_SCALE=ci"},
	"03-word2vec.ipynb": {
		"2,000":   "corpus.CILimit, the lines read under LINGO_SCALE=ci",
		"19,544":  "the questions in Mikolov's questions-words.txt",
		"430,000": "the lines of the chinese-poetry corpus (427,757, corpus.Get(\"chinese-poetry\"))",
	},
	"04-ngram-lm.ipynb": {
		"3.8":   "NLTK's version, whose nltk.lm nlp/ngram's tests compare",
		"0.153": "the lecture's next-word table",
		"0.077": "the lecture's next-word table",
		"0.039": "the lecture's next-word table",
	},
	"05-neural-lm.ipynb": {
		"2,000": "corpus.CILimit, the sentences read under LINGO_SCALE=ci",
		"1.63":  "what the Train widget showed for each learning rate in one full-scale run (a widget's runs are not stored)",
		"1.76":  "ditto",
		"2.5":   "ditto",
		"2.8":   "ditto",
	},
	"06-transformer-lm.ipynb": {"2,048": "GPT-3's context window, from its paper"},
	"07-seq2seq-mt.ipynb": {
		"0.2":     "the dropout rate, a setting",
		"124,000": "CC-CEDICT's headwords as distributed; the phrase table the cell prints keeps those with an English gloss",
	},
	"08-llm-pretraining-sft.ipynb": {
		"0.44":  "GPT-3's paper, as the lecture quotes it",
		"1.2":   "a figure number of GPT-3's paper (Fig. 1.2)",
		"2.3":   "BLOOM's checkpoint size in TB, from BigScience's report",
		"2.9":   "GPT-3's paper",
		"2,400": "the 3,000 examples (600 per family) less the 600 held out, before Split leaves out the passages naming held-out groups",
	},
}

func TestQuotedNumberMatching(t *testing.T) {
	for _, tc := range []struct {
		text string
		v    float64
		want bool
	}{
		{"0.62", 0.621, true}, {"0.62", 0.6195, true}, {"0.62", 0.6149, false},
		{"33.6%", 33.6, true}, {"33.6%", 0.336, true}, {"11,705", 11705, true}, {"14,000", 11705, false},
		{"63,000", 63174, true}, {"1.8 million", 1795311, true}, {"1.562", 1.540, false},
	} {
		ms := quoted.FindAllStringSubmatch(" "+tc.text, -1)
		if len(ms) != 1 {
			t.Fatalf("%q: %d matches", tc.text, len(ms))
		}
		if got := parseQuoted(ms[0]).matches(tc.v); got != tc.want {
			t.Errorf("%q matches %v = %v, want %v", tc.text, tc.v, got, tc.want)
		}
	}
	got := fmt.Sprint(quotedNumbers("about 1.8 million words, $d = 0.5$, `x := 2.5`, n = 3 and 4.5% of [it](http://x/1.5)"))
	if !strings.Contains(got, "1.8") || strings.Contains(got, "0.5") || strings.Contains(got, "2.5") || strings.Contains(got, " 3 ") || !strings.Contains(got, "4.5") || strings.Contains(got, "1.5") {
		t.Errorf("quotedNumbers = %s", got)
	}
}
