package reduce

import (
	"fmt"
	"io"

	"github.com/lingo-nlp/lingo/plots"
)

// Projection is the method an EmbeddingMap uses to reach two dimensions.
type Projection int

const (
	// ByPCA projects onto the two principal components: fast, linear,
	// keeps global distances (and analogies' parallelograms).
	ByPCA Projection = iota
	// ByTSNE uses t-SNE: keeps neighbourhoods, distorts global distances.
	ByTSNE
)

// An EmbeddingMap shows word vectors as a labelled 2-D scatter, projected
// by PCA or t-SNE, optionally coloured by group.
type EmbeddingMap struct {
	plots.ChartOptions
	Labels  []string
	Vectors [][]float64
	// Groups, if set, gives each vector a group (colour and legend entry).
	Groups []string
	Method Projection
	// TSNE configures the t-SNE projection.
	TSNE TSNEConfig
}

var _ plots.Renderer = (*EmbeddingMap)(nil)

// NewEmbeddingMap returns a PCA map of vectors with their labels.
func NewEmbeddingMap(title string, labels []string, vectors [][]float64) *EmbeddingMap {
	return &EmbeddingMap{ChartOptions: plots.ChartOptions{Title: title}, Labels: labels, Vectors: vectors}
}

// Scatter projects the vectors and returns the scatter plot of them.
func (m *EmbeddingMap) Scatter() (*plots.Scatter, error) {
	if len(m.Vectors) == 0 {
		return nil, fmt.Errorf("reduce: embedding map %q has no vectors", m.Title)
	}
	if m.Labels != nil && len(m.Labels) != len(m.Vectors) {
		return nil, fmt.Errorf("reduce: embedding map has %d vectors but %d labels", len(m.Vectors), len(m.Labels))
	}
	o := m.ChartOptions
	var y [][]float64
	var err error
	switch m.Method {
	case ByTSNE:
		y, err = TSNE(m.Vectors, m.TSNE)
		if o.XLabel == "" && o.YLabel == "" {
			o.XLabel, o.YLabel = "t-SNE 1", "t-SNE 2"
		}
	default:
		var ratio []float64
		y, ratio, err = PCA(m.Vectors, min(2, len(m.Vectors[0])))
		if err == nil && len(ratio) == 1 {
			ratio = append(ratio, 0)
			for i := range y {
				y[i] = append(y[i], 0)
			}
		}
		if err == nil && o.XLabel == "" && o.YLabel == "" {
			o.XLabel = fmt.Sprintf("PC1 (%.0f%% of variance)", 100*ratio[0])
			o.YLabel = fmt.Sprintf("PC2 (%.0f%% of variance)", 100*ratio[1])
		}
	}
	if err != nil {
		return nil, err
	}
	s := &plots.Scatter{ChartOptions: o, Labels: m.Labels, Groups: m.Groups}
	for _, p := range y {
		s.X = append(s.X, p[0])
		s.Y = append(s.Y, p[1])
	}
	return s, nil
}

// Render projects the vectors and draws them as a plots.Scatter (SVG, or
// PNG with PNG set), with the 2-D coordinates as text; a projection that
// fails shows its error.
func (m *EmbeddingMap) Render() plots.Bundle {
	s, err := m.Scatter()
	if err != nil {
		return plots.Bundle{plots.MIMEText: err.Error()}
	}
	return s.Render()
}

// WriteTo projects the vectors and writes the scatter as SVG (PNG if
// m.PNG) to w.
func (m *EmbeddingMap) WriteTo(w io.Writer) (int64, error) {
	s, err := m.Scatter()
	if err != nil {
		return 0, err
	}
	return s.WriteTo(w)
}
