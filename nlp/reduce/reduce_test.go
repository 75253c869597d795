package reduce

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

// clusters returns k well-separated Gaussian clusters of m points in d
// dimensions (centres 10 apart on the axes, σ = 0.5).
func clusters(k, m, d int, seed uint64) (x [][]float64, group []int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for c := range k {
		for range m {
			v := make([]float64, d)
			for j := range v {
				v[j] = 0.5 * rng.NormFloat64()
			}
			v[c%d] += 10
			x = append(x, v)
			group = append(group, c)
		}
	}
	return x, group
}

func TestPCALine(t *testing.T) {
	// Points t·(1,2,2)/3 for t = 0…4 lie on a line: PC1 explains all the
	// variance and its coordinate is t − mean(t) = t − 2 (sign fixed so the
	// largest coefficient, 2/3, is positive).
	var x [][]float64
	for tt := range 5 {
		f := float64(tt)
		x = append(x, []float64{f / 3, 2 * f / 3, 2 * f / 3})
	}
	y, ratio, err := PCA(x, 2)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(ratio[0]-1) > 1e-9 || math.Abs(ratio[1]) > 1e-9 {
		t.Errorf("variance ratios %v, want [1 0]", ratio)
	}
	for i, p := range y {
		if want := float64(i) - 2; math.Abs(p[0]-want) > 1e-9 || math.Abs(p[1]) > 1e-9 {
			t.Errorf("point %d → %v, want [%v 0]", i, p, want)
		}
	}
	if _, _, err := PCA(x, 4); err == nil {
		t.Error("PCA to more dimensions than the data has should fail")
	}
	if _, _, err := PCA([][]float64{{1, 2}, {1}}, 1); err == nil {
		t.Error("ragged input should fail")
	}
}

func TestTSNEClusters(t *testing.T) {
	// Three clusters of 20 points in 10-D: in the map, every point's nearest
	// neighbour should be in its own cluster.
	x, group := clusters(3, 20, 10, 7)
	cfg := TSNEConfig{Perplexity: 10, Iterations: 400, Seed: 42}
	y, err := TSNE(x, cfg)
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for i := range y {
		best, bd := -1, math.Inf(1)
		for j := range y {
			if i == j {
				continue
			}
			d := math.Hypot(y[i][0]-y[j][0], y[i][1]-y[j][1])
			if d < bd {
				best, bd = j, d
			}
		}
		if group[best] == group[i] {
			same++
		}
	}
	if same != len(y) {
		t.Errorf("%d of %d nearest neighbours in the same cluster", same, len(y))
	}
	again, _ := TSNE(x, cfg)
	if !reflect.DeepEqual(y, again) {
		t.Error("t-SNE is not deterministic for a fixed seed")
	}
	other, _ := TSNE(x, TSNEConfig{Perplexity: 10, Iterations: 400, Seed: 43})
	if reflect.DeepEqual(y, other) {
		t.Error("different seeds gave the same map")
	}
}

func TestTSNEAffinitiesPerplexity(t *testing.T) {
	// Each conditional distribution p(·|i) has perplexity e^H = 5 (H in
	// nats), the definition in van der Maaten & Hinton (2008), eq. 3.
	x, _ := clusters(2, 10, 3, 1)
	n := len(x)
	cond := tsneConditional(x, 5)
	for i := range n {
		h := 0.0
		for _, q := range cond[i*n : (i+1)*n] {
			if q > 0 {
				h -= q * math.Log(q)
			}
		}
		if math.Abs(math.Exp(h)-5) > 1e-3 {
			t.Errorf("row %d has perplexity %v, want 5", i, math.Exp(h))
		}
	}
	// The joint P is symmetric and sums to 1.
	p := tsneAffinities(x, 5)
	total := 0.0
	for i := range n {
		for j := range n {
			total += p[i*n+j]
			if math.Abs(p[i*n+j]-p[j*n+i]) > 1e-15 {
				t.Fatalf("P not symmetric at %d,%d", i, j)
			}
		}
	}
	if math.Abs(total-1) > 1e-6 {
		t.Errorf("ΣP = %v, want 1", total)
	}
	if _, err := TSNE(x[:3], TSNEConfig{Perplexity: 5}); err == nil {
		t.Error("perplexity ≥ n−1 should fail")
	}
}

func TestEmbeddingMap(t *testing.T) {
	x, group := clusters(2, 4, 5, 3)
	labels := []string{"king", "queen", "prince", "princess", "apple", "pear", "plum", "fig"}
	groups := make([]string, len(group))
	for i, g := range group {
		groups[i] = []string{"royalty", "fruit"}[g]
	}
	m := NewEmbeddingMap("words", labels, x)
	m.Groups = groups
	b := m.Render()
	if !strings.Contains(b[plots.MIMESVG], "<svg") || !strings.Contains(b[plots.MIMEText], "princess") || !strings.Contains(b[plots.MIMESVG], "PC1 (") {
		t.Fatalf("PCA map: %s", b[plots.MIMEText])
	}

	m.Method = ByTSNE
	m.TSNE = TSNEConfig{Perplexity: 2, Iterations: 300, Seed: 1}
	b = m.Render()
	if !strings.Contains(b[plots.MIMESVG], "t-SNE 1") {
		t.Errorf("t-SNE axis label missing")
	}

	bad := NewEmbeddingMap("", []string{"a"}, [][]float64{{1}, {2}})
	if !strings.Contains(bad.Render()[plots.MIMEText], "2 vectors but 1 labels") {
		t.Error("label mismatch not reported")
	}
	if !strings.Contains(NewEmbeddingMap("", nil, nil).Render()[plots.MIMEText], "no vectors") {
		t.Error("empty map not reported")
	}
}

// TSNEConfig rejects what means nothing, naming the field and the value.
func TestTSNEConfigRejects(t *testing.T) {
	x, _ := clusters(2, 5, 3, 1)
	for _, tc := range []struct {
		cfg  TSNEConfig
		want string
	}{
		{TSNEConfig{Perplexity: math.NaN()}, "TSNEConfig.Perplexity must be a finite number ≥ 0 (0: the default), got NaN"},
		{TSNEConfig{Perplexity: -5}, "got -5"},
		{TSNEConfig{LearningRate: math.Inf(1)}, "TSNEConfig.LearningRate must be a finite number ≥ 0 (0: the default), got +Inf"},
		{TSNEConfig{Iterations: -1}, "TSNEConfig.Iterations must be in 0…1000000 (0: the default), got -1"},
	} {
		if _, err := TSNE(x, tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("TSNE(%+v): %v, want an error containing %q", tc.cfg, err, tc.want)
		}
	}
}
