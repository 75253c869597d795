package seq2seq

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/metrics"
	"github.com/lingo-nlp/lingo/plots"
)

// Row is one evaluated sentence.
type Row struct {
	Source, Reference, Hypothesis string
	BLEU                          float64 // sentence BLEU (sacreBLEU's sentence_bleu)
}

// Report is the result of Evaluate: corpus BLEU and chrF with their
// signatures and every sentence with its own BLEU.
type Report struct {
	Decoder string
	BLEU    *metrics.BLEUScore
	CHRF    *metrics.CHRFScore
	Rows    []Row
}

var _ plots.Renderer = (*Report)(nil)

// A Translator is a trained model that translates: the GRU Model and the
// Transformer.
type Translator interface {
	// Translate decodes sources greedily in one batch.
	Translate(srcs [][]string, maxLen int) []*Translation
	// Beam decodes one source by beam search.
	Beam(src []string, cfg BeamConfig) []*Translation
	// Evaluate scores the model's translations of pairs with BLEU and chrF.
	Evaluate(ctx context.Context, pairs []Pair, cfg BeamConfig) (*Report, error)
	// String names the model.
	String() string
}

var (
	_ Translator = (*Model)(nil)
	_ Translator = (*Transformer)(nil)
)

// Evaluate translates the sources of pairs (greedy when cfg.Width ≤ 1, else
// beam search) and scores the outputs against the references with corpus
// BLEU and chrF (sacreBLEU defaults, on the lower-cased tokenised text).
func (m *Model) Evaluate(ctx context.Context, pairs []Pair, cfg BeamConfig) (*Report, error) {
	return evaluate(ctx, m, pairs, cfg)
}

func evaluate(ctx context.Context, m translator, pairs []Pair, cfg BeamConfig) (*Report, error) {
	if len(pairs) == 0 {
		return nil, fmt.Errorf("seq2seq: nothing to evaluate")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	hyps := make([]string, len(pairs))
	refs := make([][]string, len(pairs))
	name := "greedy"
	if cfg.Width > 1 {
		name = fmt.Sprintf("beam %d, α = %g", cfg.Width, cfg.Alpha)
		for i, p := range pairs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if b := beam(m, p.Src, cfg); len(b) > 0 {
				hyps[i] = b[0].String()
			}
		}
	} else {
		for lo := 0; lo < len(pairs); lo += 64 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			hi := min(lo+64, len(pairs))
			srcs := make([][]string, 0, hi-lo)
			for _, p := range pairs[lo:hi] {
				srcs = append(srcs, p.Src)
			}
			for i, tr := range greedy(m, srcs, cfg.MaxLen, cfg.AllowUnk) {
				hyps[lo+i] = tr.String()
			}
		}
	}
	r := &Report{Decoder: name}
	for i, p := range pairs {
		refs[i] = []string{Join(p.Tgt)}
		s, err := metrics.SentenceBLEU(hyps[i], refs[i]...)
		if err != nil {
			return nil, fmt.Errorf("seq2seq: %w", err)
		}
		r.Rows = append(r.Rows, Row{Join(p.Src), refs[i][0], hyps[i], s.Score})
	}
	var err error
	if r.BLEU, err = metrics.CorpusBLEU(hyps, refs); err != nil {
		return nil, fmt.Errorf("seq2seq: %w", err)
	}
	if r.CHRF, err = metrics.CorpusCHRF(hyps, refs); err != nil {
		return nil, fmt.Errorf("seq2seq: %w", err)
	}
	return r, nil
}

// Table shows the first n sentences side by side: source, reference,
// hypothesis and sentence BLEU.
func (r *Report) Table(n int) *plots.Table {
	t := plots.NewTable("source", "reference", "hypothesis", "BLEU").Format("BLEU", "%.1f").Bar("BLEU")
	for _, row := range r.Rows[:min(n, len(r.Rows))] {
		t.Row(row.Source, row.Reference, row.Hypothesis, row.BLEU)
	}
	t.Caption = r.String()
	t.MaxRows = -1
	return t
}

// String gives the decoder, the scores and the BLEU signature.
func (r *Report) String() string {
	return fmt.Sprintf("%s on %d sentences: %v, %v\n%s", r.Decoder, len(r.Rows), r.BLEU, r.CHRF, r.BLEU.Signature)
}

// Render shows the summary above a table of the first 10 sentences.
func (r *Report) Render() plots.Bundle {
	tb := r.Table(10).Render()
	var b strings.Builder
	fmt.Fprintf(&b, "<p><b>%s</b> on %d sentences: BLEU = %.2f, %s<br><code>%s</code></p>",
		html.EscapeString(r.Decoder), len(r.Rows), r.BLEU.Score, html.EscapeString(r.CHRF.String()), html.EscapeString(r.BLEU.Signature))
	b.WriteString(tb[plots.MIMEHTML])
	return plots.Bundle{plots.MIMEHTML: b.String(), plots.MIMEText: r.String() + "\n" + tb[plots.MIMEText]}
}

// TuneAlpha chooses beam search's length-penalty exponent: it decodes the
// sources of pairs with beam search of the given width for every α in
// alphas and returns the α of highest corpus BLEU (the first on ties) with
// the BLEU of each. Tune on a validation split, never on the test split.
func TuneAlpha(ctx context.Context, m Translator, pairs []Pair, width int, alphas []float64) (best float64, bleu []float64, err error) {
	if len(alphas) == 0 {
		return 0, nil, fmt.Errorf("seq2seq: no α to try")
	}
	for i, a := range alphas {
		r, err := m.Evaluate(ctx, pairs, BeamConfig{Width: width, Alpha: a})
		if err != nil {
			return 0, bleu, err
		}
		if i == 0 || r.BLEU.Score > slices.Max(bleu) {
			best = a
		}
		bleu = append(bleu, r.BLEU.Score)
	}
	return best, bleu, nil
}
