package reduce

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// TSNEConfig sets the t-SNE parameters; the zero value gives the usual
// defaults.
type TSNEConfig struct {
	// Perplexity is the effective number of neighbours each point
	// attends to; 0 means min(30, (n−1)/3).
	Perplexity float64
	// Iterations of gradient descent; 0 means 1000.
	Iterations int
	// LearningRate; 0 means max(n/48, 50) (n/early-exaggeration/4, as
	// openTSNE and scikit-learn's "auto").
	LearningRate float64
	// Seed of the random initial layout; equal seeds give equal maps.
	Seed uint64
}

func (c TSNEConfig) validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"Perplexity", c.Perplexity}, {"LearningRate", c.LearningRate}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 {
			return fmt.Errorf("reduce: TSNEConfig.%s must be a finite number ≥ 0 (0: the default), got %g", f.name, f.v)
		}
	}
	if c.Iterations < 0 || c.Iterations > 1e6 {
		return fmt.Errorf("reduce: TSNEConfig.Iterations must be in 0…1000000 (0: the default), got %d", c.Iterations)
	}
	return nil
}

// Constants of the optimiser from van der Maaten & Hinton (2008), §3.4.
const (
	tsneExaggeration = 12.0
	tsneMinGain      = 0.01
)

// TSNE embeds the rows of x in two dimensions with exact t-SNE.
//
// The similarity of xⱼ to xᵢ is a Gaussian p(j|i) ∝ exp(−βᵢ‖xᵢ−xⱼ‖²),
// with βᵢ found by bisection so that the perplexity 2^H(Pᵢ) equals the
// configured one; pᵢⱼ = (p(j|i) + p(i|j)) / 2n. In the map, similarities
// follow a Student-t kernel qᵢⱼ ∝ (1 + ‖yᵢ−yⱼ‖²)⁻¹ and the points y move
// down the gradient of KL(P‖Q):
//
//	∂C/∂yᵢ = 4 Σⱼ (pᵢⱼ − qᵢⱼ)(yᵢ − yⱼ)(1 + ‖yᵢ−yⱼ‖²)⁻¹
//
// with momentum, per-coordinate adaptive gains and early exaggeration
// (P × 12 for the first quarter of the iterations). Every step costs
// O(n²), fine for a few hundred words. Reference: L. van der Maaten and G.
// Hinton, "Visualizing Data using t-SNE", JMLR 9 (2008).
func TSNE(x [][]float64, cfg TSNEConfig) ([][]float64, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	n, _, err := dims(x)
	if err != nil {
		return nil, err
	}
	if n < 3 {
		return nil, fmt.Errorf("reduce: t-SNE needs at least 3 points, got %d", n)
	}
	perp := cfg.Perplexity
	if perp <= 0 {
		perp = math.Min(30, float64(n-1)/3)
	}
	if perp >= float64(n-1) {
		return nil, fmt.Errorf("reduce: t-SNE perplexity %v must be below n−1 = %d", perp, n-1)
	}
	iters := cfg.Iterations
	if iters <= 0 {
		iters = 1000
	}
	lr := cfg.LearningRate
	if lr <= 0 {
		lr = math.Max(float64(n)/tsneExaggeration/4, 50)
	}
	p := tsneAffinities(x, perp)

	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	y := make([][2]float64, n)
	for i := range y {
		y[i] = [2]float64{1e-4 * rng.NormFloat64(), 1e-4 * rng.NormFloat64()}
	}
	vel := make([][2]float64, n)
	gain := make([][2]float64, n)
	for i := range gain {
		gain[i] = [2]float64{1, 1}
	}
	num := make([]float64, n*n) // (1 + ‖yᵢ−yⱼ‖²)⁻¹
	grad := make([][2]float64, n)
	early := iters / 4
	for it := 0; it < iters; it++ {
		exag, momentum := 1.0, 0.8
		if it < early {
			exag, momentum = tsneExaggeration, 0.5
		}
		sum := 0.0
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := y[i][0]-y[j][0], y[i][1]-y[j][1]
				v := 1 / (1 + dx*dx + dy*dy)
				num[i*n+j], num[j*n+i] = v, v
				sum += 2 * v
			}
		}
		for i := 0; i < n; i++ {
			var g [2]float64
			for j := 0; j < n; j++ {
				if i == j {
					continue
				}
				v := num[i*n+j]
				m := (exag*p[i*n+j] - v/sum) * v
				g[0] += m * (y[i][0] - y[j][0])
				g[1] += m * (y[i][1] - y[j][1])
			}
			grad[i] = [2]float64{4 * g[0], 4 * g[1]}
		}
		var mean [2]float64
		for i := range y {
			for c := 0; c < 2; c++ {
				// Grow the gain while the gradient keeps pushing the same way.
				if (grad[i][c] > 0) != (vel[i][c] > 0) {
					gain[i][c] += 0.2
				} else {
					gain[i][c] = math.Max(gain[i][c]*0.8, tsneMinGain)
				}
				vel[i][c] = momentum*vel[i][c] - lr*gain[i][c]*grad[i][c]
				y[i][c] += vel[i][c]
				mean[c] += y[i][c] / float64(n)
			}
		}
		for i := range y {
			y[i][0] -= mean[0]
			y[i][1] -= mean[1]
		}
	}
	out := make([][]float64, n)
	for i := range y {
		out[i] = []float64{y[i][0], y[i][1]}
	}
	return out, nil
}

// tsneAffinities returns the symmetric joint probabilities pᵢⱼ (row-major
// n×n) for the given perplexity.
func tsneAffinities(x [][]float64, perp float64) []float64 {
	n := len(x)
	cond := tsneConditional(x, perp)
	p := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p[i*n+j] = math.Max((cond[i*n+j]+cond[j*n+i])/(2*float64(n)), 1e-12)
		}
		p[i*n+i] = 0
	}
	return p
}

// tsneConditional returns p(j|i) (row i, row-major n×n), each row's
// Gaussian width set by bisection so that its perplexity is perp.
func tsneConditional(x [][]float64, perp float64) []float64 {
	n := len(x)
	d2 := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s := 0.0
			for k := range x[i] {
				t := x[i][k] - x[j][k]
				s += t * t
			}
			d2[i*n+j], d2[j*n+i] = s, s
		}
	}
	target := math.Log(perp) // entropy in nats
	cond := make([]float64, n*n)
	for i := 0; i < n; i++ {
		row := cond[i*n : (i+1)*n]
		// Bisection on β (on a log scale once it leaves [0, ∞) bounds).
		beta, lo, hi := 1.0, 0.0, math.Inf(1)
		// Scale-free start: β = 1 / mean squared distance.
		mean := 0.0
		for j := 0; j < n; j++ {
			mean += d2[i*n+j] / float64(n-1)
		}
		if mean > 0 {
			beta = 1 / mean
		}
		for range 100 {
			// Subtract the smallest distance for numerical stability.
			minD := math.Inf(1)
			for j := 0; j < n; j++ {
				if j != i {
					minD = math.Min(minD, d2[i*n+j])
				}
			}
			sum, h := 0.0, 0.0
			for j := 0; j < n; j++ {
				if j == i {
					row[j] = 0
					continue
				}
				row[j] = math.Exp(-beta * (d2[i*n+j] - minD))
				sum += row[j]
			}
			for j := 0; j < n; j++ {
				row[j] /= sum
				if row[j] > 0 {
					h -= row[j] * math.Log(row[j])
				}
			}
			if math.Abs(h-target) < 1e-5 {
				break
			}
			if h > target { // too flat: sharpen
				lo = beta
				if math.IsInf(hi, 1) {
					beta *= 2
				} else {
					beta = (beta + hi) / 2
				}
			} else {
				hi = beta
				beta = (beta + lo) / 2
			}
		}
	}
	return cond
}
