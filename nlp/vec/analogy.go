package vec

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// AnalogySection holds the questions of one ": section" of an analogy file
// that were evaluated, split by outcome. Words are upper-cased, as gensim
// reports them.
type AnalogySection struct {
	Name      string
	Correct   [][4]string
	Incorrect [][4]string
}

// Accuracy returns correct / (correct + incorrect), or 0 for an empty section.
func (s AnalogySection) Accuracy() float64 {
	n := len(s.Correct) + len(s.Incorrect)
	if n == 0 {
		return 0
	}
	return float64(len(s.Correct)) / float64(n)
}

// AnalogyResult is the outcome of EvaluateWordAnalogies. As in gensim, the
// last section is "Total accuracy", pooling all others, and Score is its
// accuracy.
type AnalogyResult struct {
	Score     float64
	Sections  []AnalogySection
	Questions int // well-formed question lines
	OOV       int // questions skipped because a word is outside the restricted vocabulary
}

// OOVRatio returns the percentage of questions skipped as out of vocabulary.
func (r *AnalogyResult) OOVRatio() float64 {
	if r.Questions == 0 {
		return 0
	}
	return 100 * float64(r.OOV) / float64(r.Questions)
}

var _ plots.Renderer = (*AnalogyResult)(nil)

// String formats one "section: accuracy (correct/total)" line per section.
func (r *AnalogyResult) String() string {
	var b strings.Builder
	for _, s := range r.Sections {
		n := len(s.Correct) + len(s.Incorrect)
		fmt.Fprintf(&b, "%-28s %5.1f%% (%d/%d)\n", s.Name, 100*s.Accuracy(), len(s.Correct), n)
	}
	fmt.Fprintf(&b, "out of vocabulary: %.1f%% of %d questions\n", r.OOVRatio(), r.Questions)
	return b.String()
}

// Render shows the per-section accuracies as an HTML table.
func (r *AnalogyResult) Render() plots.Bundle {
	var b strings.Builder
	b.WriteString(`<table><thead><tr><th>section</th><th>accuracy</th><th>correct</th><th>questions</th></tr></thead><tbody>`)
	for _, s := range r.Sections {
		fmt.Fprintf(&b, `<tr><td>%s</td><td>%.1f%%</td><td>%d</td><td>%d</td></tr>`,
			html.EscapeString(s.Name), 100*s.Accuracy(), len(s.Correct), len(s.Correct)+len(s.Incorrect))
	}
	fmt.Fprintf(&b, `</tbody></table><p>%.1f%% of %d questions skipped (out of vocabulary)</p>`, r.OOVRatio(), r.Questions)
	return plots.Bundle{plots.MIMEHTML: b.String(), plots.MIMEText: r.String()}
}

// EvaluateWordAnalogies scores the vectors on an analogy file in the format
// of the C tool's questions-words.txt (": section" lines, then lines
// "a b c d" meaning a : b :: c : d), exactly as gensim 4.2's
// evaluate_word_analogies with case_insensitive=True:
//
//   - only the first restrictVocab words are used (all if restrictVocab ≤ 0);
//     words are compared upper-cased, and a folded word maps to its first
//     (most frequent) spelling;
//   - lines that are not four words are skipped and not counted; a question
//     with a word outside that vocabulary is skipped and counted in OOV;
//   - the answer is the best 3CosAdd candidate among the top 5 that is not
//     a, b or c in any spelling; it must equal d.
func (kv *KeyedVectors) EvaluateWordAnalogies(path string, restrictVocab int) (*AnalogyResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("vec: %w", err)
	}
	defer f.Close()
	return kv.EvaluateWordAnalogiesFrom(f, restrictVocab)
}

// pyUpper upper-cases like Python's str.upper for the common cases that Go's
// simple case mapping leaves alone.
var pyUpper = strings.NewReplacer("ß", "SS", "ﬁ", "FI", "ﬂ", "FL", "ﬀ", "FF", "ﬃ", "FFI", "ﬄ", "FFL", "ŉ", "ʼN")

func upper(s string) string { return pyUpper.Replace(strings.ToUpper(s)) }

// foldedVocab maps upper-cased words of the first restrict rows to the row
// of their first spelling.
func (kv *KeyedVectors) foldedVocab(restrict int) map[string]int {
	if restrict <= 0 || restrict > kv.Len() {
		restrict = kv.Len()
	}
	ok := make(map[string]int, restrict)
	for i := restrict - 1; i >= 0; i-- {
		ok[upper(kv.Words[i])] = i
	}
	return ok
}

// EvaluateWordAnalogiesFrom is EvaluateWordAnalogies reading from r.
func (kv *KeyedVectors) EvaluateWordAnalogiesFrom(r io.Reader, restrictVocab int) (*AnalogyResult, error) {
	if restrictVocab <= 0 || restrictVocab > kv.Len() {
		restrictVocab = kv.Len()
	}
	ok := kv.foldedVocab(restrictVocab)
	res := &AnalogyResult{}
	var sec *AnalogySection
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := sc.Text()
		if strings.HasPrefix(line, ": ") {
			if sec != nil {
				res.Sections = append(res.Sections, *sec)
			}
			sec = &AnalogySection{Name: strings.TrimSpace(strings.TrimLeft(line, ": "))}
			continue
		}
		if sec == nil {
			return nil, fmt.Errorf("vec: analogy file: missing \": section\" header before line %d", lineNo)
		}
		w := strings.Fields(upper(line))
		if len(w) != 4 {
			continue
		}
		res.Questions++
		q := [4]string{w[0], w[1], w[2], w[3]}
		ia, oka := ok[q[0]]
		ib, okb := ok[q[1]]
		ic, okc := ok[q[2]]
		_, okd := ok[q[3]]
		if !oka || !okb || !okc || !okd {
			res.OOV++
			continue
		}
		sims, err := kv.mostSimilar([]int{ib, ic}, []int{ia}, 5, restrictVocab)
		if err != nil {
			return nil, err
		}
		predicted := ""
		for _, s := range sims {
			predicted = upper(s.Word)
			if _, in := ok[predicted]; in && predicted != q[0] && predicted != q[1] && predicted != q[2] {
				break
			}
		}
		if predicted == q[3] {
			sec.Correct = append(sec.Correct, q)
		} else {
			sec.Incorrect = append(sec.Incorrect, q)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("vec: reading analogy file: %w", err)
	}
	if sec != nil {
		res.Sections = append(res.Sections, *sec)
	}
	total := AnalogySection{Name: "Total accuracy"}
	for _, s := range res.Sections {
		total.Correct = append(total.Correct, s.Correct...)
		total.Incorrect = append(total.Incorrect, s.Incorrect...)
	}
	res.Sections = append(res.Sections, total)
	res.Score = total.Accuracy()
	return res, nil
}
