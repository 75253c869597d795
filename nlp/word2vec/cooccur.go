package word2vec

import (
	"fmt"
	"html"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/lingo-nlp/lingo/nlp/vec"
	"github.com/lingo-nlp/lingo/plots"
)

// maxCooccurWords bounds the dense |V|×|V| co-occurrence matrix (8 bytes
// per cell: 10,000 words are 800 MB).
const maxCooccurWords = 10000

// Cooccurrence is a word–word co-occurrence matrix: X[i][j] counts how often
// word j appears within Window positions of word i (symmetric). It is the
// count-based route to word vectors that word2vec is compared with.
type Cooccurrence struct {
	Words  []string
	Index  map[string]int
	Window int
	X      *mat.Dense // (|V|, |V|)
}

// CountCooccurrence counts co-occurrences within window positions over the
// maxWords most frequent words (all words if maxWords ≤ 0). Words outside
// the vocabulary still take up positions.
func CountCooccurrence(sentences [][]string, window, maxWords int) (*Cooccurrence, error) {
	if window < 1 {
		return nil, fmt.Errorf("word2vec: co-occurrence window must be ≥ 1, got %d", window)
	}
	v, raw := buildVocab(sentences, 1, maxWords)
	if raw == 0 {
		return nil, fmt.Errorf("word2vec: empty corpus: no tokens to count")
	}
	if len(v.words) > maxCooccurWords {
		return nil, fmt.Errorf("word2vec: %d words make a dense co-occurrence matrix too large; pass maxWords ≤ %d", len(v.words), maxCooccurWords)
	}
	n := len(v.words)
	c := &Cooccurrence{Words: v.words, Index: make(map[string]int, n), Window: window, X: mat.NewDense(n, n, nil)}
	for i, w := range v.words {
		c.Index[w] = i
	}
	raw64 := c.X.RawMatrix()
	for _, s := range sentences {
		for i, w := range s {
			a, ok := c.Index[w]
			if !ok {
				continue
			}
			for j := max(0, i-window); j < min(len(s), i+window+1); j++ {
				if b, ok := c.Index[s[j]]; ok && j != i {
					raw64.Data[a*raw64.Stride+b]++
				}
			}
		}
	}
	return c, nil
}

// Count returns X[a][b], 0 for unknown words.
func (c *Cooccurrence) Count(a, b string) float64 {
	i, ok1 := c.Index[a]
	j, ok2 := c.Index[b]
	if !ok1 || !ok2 {
		return 0
	}
	return c.X.At(i, j)
}

// SVDEmbedding returns k-dimensional vectors from the truncated SVD
// X ≈ U_k Σ_k V_kᵀ, word i ↦ row i of U_k Σ_k. With logCounts the SVD is
// taken of log(1 + X), which keeps frequent words from dominating. Each
// component's sign is fixed so that its largest entry is positive, making
// the result reproducible.
func (c *Cooccurrence) SVDEmbedding(k int, logCounts bool) (*vec.KeyedVectors, error) {
	n := len(c.Words)
	if k < 1 || k > n {
		return nil, fmt.Errorf("word2vec: SVD dimension must be in 1…%d, got %d", n, k)
	}
	x := mat.DenseCopyOf(c.X)
	if logCounts {
		x.Apply(func(_, _ int, v float64) float64 { return math.Log1p(v) }, x)
	}
	var svd mat.SVD
	if !svd.Factorize(x, mat.SVDThin) {
		return nil, fmt.Errorf("word2vec: SVD of the co-occurrence matrix did not converge")
	}
	var u mat.Dense
	svd.UTo(&u)
	s := svd.Values(nil)
	out := make([]float32, n*k)
	for j := 0; j < k; j++ {
		sign, best := 1.0, 0.0
		for i := 0; i < n; i++ {
			if a := math.Abs(u.At(i, j)); a > best {
				best, sign = a, math.Copysign(1, u.At(i, j))
			}
		}
		for i := 0; i < n; i++ {
			out[i*k+j] = float32(sign * u.At(i, j) * s[j])
		}
	}
	return vec.FromMatrix(append([]string(nil), c.Words...), out, k)
}

var _ plots.Renderer = (*Cooccurrence)(nil)

// String prints the matrix for up to 12 words, else a summary.
func (c *Cooccurrence) String() string {
	n := len(c.Words)
	if n > 12 {
		return fmt.Sprintf("co-occurrence counts: %d × %d words, window %d", n, n, c.Window)
	}
	var b strings.Builder
	width := 6
	for _, w := range c.Words {
		width = max(width, len(w)+1)
	}
	fmt.Fprintf(&b, "%*s", width, "")
	for _, w := range c.Words {
		fmt.Fprintf(&b, "%*s", width, w)
	}
	b.WriteByte('\n')
	for i, w := range c.Words {
		fmt.Fprintf(&b, "%*s", width, w)
		for j := range c.Words {
			fmt.Fprintf(&b, "%*g", width, c.X.At(i, j))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Render shows up to 40 words as an HTML table shaded by count.
func (c *Cooccurrence) Render() plots.Bundle {
	n := min(len(c.Words), 40)
	maxC := 0.0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			maxC = math.Max(maxC, c.X.At(i, j))
		}
	}
	var b strings.Builder
	b.WriteString(`<table style="border-collapse:collapse;font-size:small"><tr><th></th>`)
	for _, w := range c.Words[:n] {
		fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(w))
	}
	b.WriteString("</tr>")
	for i, w := range c.Words[:n] {
		fmt.Fprintf(&b, "<tr><th>%s</th>", html.EscapeString(w))
		for j := 0; j < n; j++ {
			v := c.X.At(i, j)
			alpha := 0.0
			if maxC > 0 {
				alpha = v / maxC
			}
			fmt.Fprintf(&b, `<td style="text-align:right;background:rgba(31,119,180,%.2f)">%g</td>`, alpha*0.8, v)
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table>")
	if n < len(c.Words) {
		fmt.Fprintf(&b, "<p>first %d of %d words</p>", n, len(c.Words))
	}
	return plots.Bundle{plots.MIMEHTML: b.String(), plots.MIMEText: c.String()}
}
