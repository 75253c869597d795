package reduce

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// PCA projects the rows of x onto their first k principal components:
// the data are centred, the right singular vectors v₁…v_k of the centred
// matrix X̄ give the directions of largest variance, and row i maps to
// (x̄ᵢ·v₁, …, x̄ᵢ·v_k). ratio[j] is the share of the total variance that
// component j explains. Each component's sign is fixed so that its largest
// coefficient is positive, making the result deterministic.
func PCA(x [][]float64, k int) (y [][]float64, ratio []float64, err error) {
	n, d, err := dims(x)
	if err != nil {
		return nil, nil, err
	}
	if k < 1 || k > d {
		return nil, nil, fmt.Errorf("reduce: PCA to %d dimensions of %d-dimensional data", k, d)
	}
	if n < 2 {
		return nil, nil, fmt.Errorf("reduce: PCA needs at least 2 points, got %d", n)
	}
	a := mat.NewDense(n, d, nil)
	for i, r := range x {
		a.SetRow(i, r)
	}
	var pc stat.PC
	if !pc.PrincipalComponents(a, nil) {
		return nil, nil, fmt.Errorf("reduce: PCA: singular value decomposition failed")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	total := 0.0
	for _, v := range vars {
		total += v
	}
	_, nv := vecs.Dims()
	mean := make([]float64, d)
	for _, r := range x {
		for j, v := range r {
			mean[j] += v / float64(n)
		}
	}
	y = make([][]float64, n)
	for i := range y {
		y[i] = make([]float64, k)
	}
	ratio = make([]float64, k)
	for c := 0; c < k; c++ {
		if c >= nv {
			break // fewer components than asked (n ≤ k): the rest stay 0
		}
		v := mat.Col(nil, c, &vecs)
		big := 0
		for j := range v {
			if math.Abs(v[j]) > math.Abs(v[big]) {
				big = j
			}
		}
		sign := 1.0
		if v[big] < 0 {
			sign = -1
		}
		for i, r := range x {
			s := 0.0
			for j := range r {
				s += (r[j] - mean[j]) * v[j]
			}
			y[i][c] = sign * s
		}
		if total > 0 {
			ratio[c] = vars[c] / total
		}
	}
	return y, ratio, nil
}

// dims checks that x is a non-empty matrix of finite values.
func dims(x [][]float64) (n, d int, err error) {
	n = len(x)
	if n == 0 || len(x[0]) == 0 {
		return 0, 0, fmt.Errorf("reduce: no vectors")
	}
	d = len(x[0])
	for i, r := range x {
		if len(r) != d {
			return 0, 0, fmt.Errorf("reduce: vector %d has %d dimensions, vector 0 has %d", i, len(r), d)
		}
		for _, v := range r {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, fmt.Errorf("reduce: vector %d has a non-finite value %v", i, v)
			}
		}
	}
	return n, d, nil
}
