package word2vec

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/nlp/training"
	"github.com/lingo-nlp/lingo/nlp/vec"
	"github.com/lingo-nlp/lingo/plots"
)

// Model is a trained word2vec model. Its embedded KeyedVectors holds the
// input vectors (gensim's model.wv), so model.MostSimilar, Similarity,
// EvaluateWordAnalogies and SaveWord2VecFormat work directly on it.
type Model struct {
	*vec.KeyedVectors
	Config Config  // the settings used, with defaults filled in
	Counts []int64 // corpus count of each vocabulary word (row order)

	Syn1Neg []float32 // output vectors u_w (negative sampling, full softmax), |V|×Dim
	Syn1    []float32 // hierarchical-softmax inner-node vectors, (|V|−1)×Dim

	// History holds the mean loss per prediction of every epoch ("loss",
	// against the epoch) and the training wall time, in the History type
	// every trainer of the library returns.
	History      *training.History
	CorpusWords  int64 // tokens in the corpus
	TrainedWords int64 // tokens kept after subsampling, over all epochs
}

var _ plots.Renderer = (*Model)(nil)

// WordsPerSecond returns corpus words processed per second of training.
func (m *Model) WordsPerSecond() float64 {
	if m.History == nil || m.History.Elapsed <= 0 {
		return 0
	}
	return float64(m.CorpusWords) * float64(m.History.Len()) / m.History.Elapsed.Seconds()
}

// arch names the architecture and objective of cfg.
func arch(cfg Config) string {
	a := "CBOW"
	if cfg.SG {
		a = "skip-gram"
	}
	var obj []string
	if cfg.HS {
		obj = append(obj, "hierarchical softmax")
	}
	if cfg.Negative > 0 {
		obj = append(obj, fmt.Sprintf("negative sampling (K=%d)", cfg.Negative))
	}
	if cfg.FullSoftmax {
		obj = append(obj, "full softmax")
	}
	return a + ", " + strings.Join(obj, " + ")
}

// String summarises the model.
func (m *Model) String() string {
	h := m.History
	if h == nil {
		h = training.NewHistory("")
	}
	s := fmt.Sprintf("word2vec %s: %d words × %d dims, window %d, %d epochs over %d tokens in %s",
		arch(m.Config), m.Len(), m.Dim, m.Config.Window, h.Len(), m.CorpusWords, h.Elapsed.Round(time.Millisecond))
	if h.Len() > 0 {
		s += fmt.Sprintf(", loss %.4f → %.4f", h.First("loss"), h.Last("loss"))
	}
	return s
}

// Render shows the summary and the loss of each epoch.
func (m *Model) Render() plots.Bundle {
	var b strings.Builder
	fmt.Fprintf(&b, "<p><b>word2vec</b> %s</p>", html.EscapeString(m.String()))
	b.WriteString("<table><thead><tr><th>epoch</th><th>mean loss</th></tr></thead><tbody>")
	var loss []float64
	if m.History != nil {
		loss = m.History.Values("loss")
	}
	for i, l := range loss {
		fmt.Fprintf(&b, "<tr><td>%d</td><td>%.4f</td></tr>", i+1, l)
	}
	b.WriteString("</tbody></table>")
	return plots.Bundle{plots.MIMEHTML: b.String(), plots.MIMEText: m.String()}
}
