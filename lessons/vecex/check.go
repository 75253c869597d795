package vecex

import "github.com/lingo-nlp/lingo/lessons"

// near and nearAll compare a student's number(s) with the expected ones to
// 1e-6, as lessons.Near does.
func near(got, want float64) bool { return lessons.Near(got, want, 1e-6) }

func nearAll(got, want []float64) bool { return lessons.NearAll(got, want, 1e-6) }
