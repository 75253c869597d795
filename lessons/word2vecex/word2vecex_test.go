package word2vecex

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/vec"
)

// Reference solutions.

func nsRef(vc []float64, U [][]float64, o int, negs []int) float64 {
	j := -logSigmoid(dot(U[o], vc))
	for _, k := range negs {
		j -= logSigmoid(-dot(U[k], vc))
	}
	return j
}

func noiseRef(counts []int64) []float64 {
	p := make([]float64, len(counts))
	var z float64
	for i, c := range counts {
		p[i] = math.Pow(float64(c), 0.75)
		z += p[i]
	}
	for i := range p {
		p[i] /= z
	}
	return p
}

func keepRef(count, total int64, sample float64) float64 {
	t := sample * float64(total)
	f := float64(count)
	return math.Min(1, (math.Sqrt(f/t)+1)*t/f)
}

func analogyRef(kv *vec.KeyedVectors, a, b, c string) string {
	va, _ := kv.Vector(a)
	vb, _ := kv.Vector(b)
	vc, _ := kv.Vector(c)
	ua, ub, uc := vec.Unit(va), vec.Unit(vb), vec.Unit(vc)
	t := make([]float32, kv.Dim)
	for i := range t {
		t[i] = ub[i] - ua[i] + uc[i]
	}
	best, bestSim := "", math.Inf(-1)
	for i, w := range kv.Words {
		if w == a || w == b || w == c {
			continue
		}
		if s := vec.Cosine(kv.Row(i), t); s > bestSim {
			best, bestSim = w, s
		}
	}
	return best
}

// toyVectors: 2-D vectors where man→woman and king→queen are the same shift,
// so king : queen :: man : woman, plus distractors.
func toyVectors(t *testing.T) *vec.KeyedVectors {
	t.Helper()
	words := []string{"man", "woman", "king", "queen", "he", "she", "apple", "car"}
	vs := []float32{
		1, 0, 0.2,
		1, 1, 0.2,
		3, 0, 1,
		3, 1, 1,
		1.1, 0.05, 0,
		1.1, 1.05, 0,
		-1, -2, 5,
		0, -3, -1,
	}
	kv, err := vec.FromMatrix(words, vs, 3)
	if err != nil {
		t.Fatal(err)
	}
	return kv
}

func TestReferenceSolutionsPass(t *testing.T) {
	for _, fb := range []interface {
		String() string
	}{
		CheckNegSamplingLoss(nsRef),
		CheckNoiseDistribution(noiseRef),
		CheckKeepProbability(keepRef),
		CheckAnalogy(toyVectors(t), nil, analogyRef),
	} {
		if s := fb.String(); !strings.HasPrefix(s, "✓") {
			t.Errorf("reference failed: %s", s)
		}
	}
}

func TestNegSamplingMistakes(t *testing.T) {
	tests := []struct {
		name string
		f    func(vc []float64, U [][]float64, o int, negs []int) float64
		want string
	}{
		{"skeleton", func(vc []float64, U [][]float64, o int, negs []int) float64 { return 0 }, "you return 0"},
		{"sign", func(vc []float64, U [][]float64, o int, negs []int) float64 { return -nsRef(vc, U, o, negs) }, "sign is flipped"},
		{"positive only", func(vc []float64, U [][]float64, o int, negs []int) float64 { return -logSigmoid(dot(U[o], vc)) }, "only the true pair"},
		{"sigma of +score", func(vc []float64, U [][]float64, o int, negs []int) float64 {
			j := -logSigmoid(dot(U[o], vc))
			for _, k := range negs {
				j -= logSigmoid(dot(U[k], vc))
			}
			return j
		}, "must be σ(−u_k·v_c)"},
		{"panic", func(vc []float64, U [][]float64, o int, negs []int) float64 { return U[9][0] }, "panicked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckNegSamplingLoss(tt.f)
			if fb.OK || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v, want a failure mentioning %q", fb, tt.want)
			}
		})
	}
}

func TestNoiseMistakes(t *testing.T) {
	unigram := func(counts []int64) []float64 {
		p := make([]float64, len(counts))
		var z float64
		for i, c := range counts {
			p[i] = float64(c)
			z += p[i]
		}
		for i := range p {
			p[i] /= z
		}
		return p
	}
	unnormalised := func(counts []int64) []float64 {
		p := make([]float64, len(counts))
		for i, c := range counts {
			p[i] = math.Pow(float64(c), 0.75)
		}
		return p
	}
	tests := []struct {
		name string
		f    func([]int64) []float64
		want string
	}{
		{"skeleton", func(c []int64) []float64 { return make([]float64, len(c)) }, "sum to 0"},
		{"unigram", unigram, "unigram distribution"},
		{"unnormalised", unnormalised, "not normalised"},
		{"wrong length", func(c []int64) []float64 { return nil }, "expected 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckNoiseDistribution(tt.f)
			if fb.OK || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v, want a failure mentioning %q", fb, tt.want)
			}
		})
	}
}

func TestKeepMistakes(t *testing.T) {
	tests := []struct {
		name string
		f    func(count, total int64, sample float64) float64
		want string
	}{
		{"skeleton", func(count, total int64, sample float64) float64 { return 1 }, "you return 1"},
		{"discard", func(count, total int64, sample float64) float64 { return 1 - keepRef(count, total, sample) }, "probability of discarding"},
		{"paper keep", func(count, total int64, sample float64) float64 {
			return math.Min(1, math.Sqrt(sample*float64(total)/float64(count)))
		}, "paper's keep probability"},
		{"paper discard", func(count, total int64, sample float64) float64 {
			return 1 - math.Sqrt(sample*float64(total)/float64(count))
		}, "paper's discard probability"},
		{"fraction threshold", func(count, total int64, sample float64) float64 {
			f := float64(count)
			return (math.Sqrt(f/sample) + 1) * sample / f
		}, "t = sample·total"},
		{"no cap", func(count, total int64, sample float64) float64 {
			t, f := sample*float64(total), float64(count)
			return (math.Sqrt(f/t) + 1) * t / f
		}, "cannot exceed 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckKeepProbability(tt.f)
			if fb.OK || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v, want a failure mentioning %q", fb, tt.want)
			}
		})
	}
}

func TestAnalogyMistakes(t *testing.T) {
	kv := toyVectors(t)
	tests := []struct {
		name string
		f    func(kv *vec.KeyedVectors, a, b, c string) string
		want string
	}{
		{"skeleton", func(kv *vec.KeyedVectors, a, b, c string) string { return "" }, "no answer"},
		{"returns c", func(kv *vec.KeyedVectors, a, b, c string) string { return c }, "exclude a, b and c"},
		{"swapped", func(kv *vec.KeyedVectors, a, b, c string) string { return analogyRef(kv, b, a, c) }, "signs are swapped"},
		{"unknown", func(kv *vec.KeyedVectors, a, b, c string) string { return "zebra" }, "not a word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckAnalogy(kv, nil, tt.f)
			if fb.OK || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v, want a failure mentioning %q", fb, tt.want)
			}
		})
	}
	if fb := CheckAnalogy(nil, nil, analogyRef); fb.OK {
		t.Error("nil vectors passed")
	}
	if fb := CheckAnalogy(kv, [][3]string{{"x", "y", "z"}}, analogyRef); fb.OK || !strings.Contains(fb.Message, "none of the questions") {
		t.Errorf("unknown questions: %v", fb)
	}
}
