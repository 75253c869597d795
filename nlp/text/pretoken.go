package text

import (
	"unicode"
	"unicode/utf8"
)

// Character classes for BPE pre-tokenization.
const (
	classSpace = iota
	classLetter
	classNumber
	classOther
)

func runeClass(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return classSpace
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return classLetter
	case unicode.IsNumber(r):
		return classNumber
	}
	return classOther
}

// pretokenEnd returns the end of the pre-token starting at s[i]. Like
// GPT-2's pattern ` ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
func pretokenEnd(s string, i int) int {
	r, w := utf8.DecodeRuneInString(s[i:])
	j := i + w
	if r == ' ' && j < len(s) {
		// A single space followed by a non-space joins that run.
		r2, w2 := utf8.DecodeRuneInString(s[j:])
		if c := runeClass(r2); c != classSpace {
			return sameClassEnd(s, j+w2, c)
		}
	}
	c := runeClass(r)
	if c != classSpace {
		return sameClassEnd(s, j, c)
	}
	// A whitespace run; leave its last space to the following piece.
	end := sameClassEnd(s, j, classSpace)
	if end < len(s) && end-1 > i && s[end-1] == ' ' {
		return end - 1
	}
	return end
}

func sameClassEnd(s string, j, c int) int {
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if runeClass(r) != c {
			break
		}
		j += w
	}
	return j
}
