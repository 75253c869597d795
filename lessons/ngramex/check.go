package ngramex

import (
	"strings"

	"github.com/lingo-nlp/lingo/lessons"
)

// near compares a student's number with the expected one to 1e-9, as
// lessons.Near does (exact for infinities).
func near(got, want float64) bool { return lessons.Near(got, want, 1e-9) }

// quote shows an n-gram as the lecture writes it.
func quote(words []string) string { return `"` + strings.Join(words, " ") + `"` }
