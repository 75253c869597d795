package word2vecex

import "github.com/lingo-nlp/lingo/lessons"

func cloneU(U [][]float64) [][]float64 {
	out := make([][]float64, len(U))
	for i, r := range U {
		out[i] = append([]float64(nil), r...)
	}
	return out
}

// near and nearAll compare a student's number(s) with the expected ones to
// 1e-6, as lessons.Near does.
func near(got, want float64) bool { return lessons.Near(got, want, 1e-6) }

func nearAll(got, want []float64) bool { return lessons.NearAll(got, want, 1e-6) }
