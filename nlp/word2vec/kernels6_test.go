package word2vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSixRowKernels: dot6 + update6 equal six sequential dot/update steps,
// with the gradient accumulated apart or applied to h directly.
func TestSixRowKernels(t *testing.T) {
	type kernels struct {
		dot6    func(h []float32, u *[6][]float32) [6]float32
		update6 func(g *[6]float32, h, e []float32, u *[6][]float32)
	}
	for name, k := range map[string]kernels{
		"dispatched": {dot6, update6},
		"generic":    {dot6Generic, update6Generic},
	} {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(9, 9))
			for _, n := range []int{1, 3, 8, 13, 16, 100, 101} {
				vecf := func() []float32 {
					v := make([]float32, n)
					for i := range v {
						v[i] = float32(r.NormFloat64())
					}
					return v
				}
				h := vecf()
				var rows, ref [6][]float32
				var g [6]float32
				for j := range rows {
					rows[j] = vecf()
					ref[j] = append([]float32(nil), rows[j]...)
					g[j] = float32(r.NormFloat64()) * 0.1
				}
				f := k.dot6(h, &rows)
				wantE := make([]float32, n)
				for j := range ref {
					if d := dotGeneric(h, ref[j]); math.Abs(float64(d-f[j])) > 1e-4 {
						t.Fatalf("n=%d: dot6[%d] = %v, want %v", n, j, f[j], d)
					}
					updateGeneric(g[j], h, ref[j], wantE, nil)
				}
				for _, direct := range []bool{false, true} {
					hh := append([]float32(nil), h...)
					rr := rows
					for j := range rr {
						rr[j] = append([]float32(nil), rows[j]...)
					}
					e := make([]float32, n)
					if direct {
						e = hh
					}
					k.update6(&g, hh, e, &rr)
					for i := 0; i < n; i++ {
						want := wantE[i]
						if direct {
							want += h[i]
						}
						if math.Abs(float64(e[i]-want)) > 1e-4 {
							t.Fatalf("n=%d direct=%v: e[%d] = %v, want %v", n, direct, i, e[i], want)
						}
						for j := range rr {
							if math.Abs(float64(rr[j][i]-ref[j][i])) > 1e-5 {
								t.Fatalf("n=%d: row %d[%d] = %v, want %v", n, j, i, rr[j][i], ref[j][i])
							}
						}
					}
				}
			}
		})
	}
}

// TestRowSums: sumRows and addToRows against plain loops, with a repeated row.
func TestRowSums(t *testing.T) {
	for name, k := range map[string][2]any{
		"dispatched": {sumRows, addToRows},
		"generic":    {sumRowsGeneric, addToRowsGeneric},
	} {
		sum := k[0].(func([]float32, [][]float32))
		spread := k[1].(func([]float32, [][]float32))
		for nrows := 1; nrows <= 10; nrows++ {
			n := 13
			rows := make([][]float32, nrows)
			for r := range rows {
				rows[r] = make([]float32, n)
				for i := range rows[r] {
					rows[r][i] = float32(r*n + i)
				}
			}
			if nrows > 2 {
				rows[2] = rows[0] // a context word seen twice
			}
			h := make([]float32, n)
			sum(h, rows)
			for i := 0; i < n; i++ {
				var want float32
				for _, r := range rows {
					want += r[i]
				}
				if h[i] != want {
					t.Fatalf("%s, %d rows: h[%d] = %v, want %v", name, nrows, i, h[i], want)
				}
			}
			before := rows[0][5]
			times := float32(1)
			if nrows > 2 {
				times = 2
			}
			e := make([]float32, n)
			for i := range e {
				e[i] = 1
			}
			spread(e, rows)
			if rows[0][5] != before+times {
				t.Fatalf("%s, %d rows: row 0 got %v, want %v", name, nrows, rows[0][5], before+times)
			}
		}
	}
}
