package text

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenizer splits text into word tokens. The zero value keeps case, drops
// punctuation and splits Chinese into single characters; Words is the
// lowercasing shorthand most lessons use. To segment Chinese into words
// with a dictionary, set Han to segment.Cut (package nlp/segment), or call
// segment.Words or segment.Tokens.
//
// A token is one of:
//   - a word: letters, marks and digits, with an apostrophe or hyphen kept
//     between two letters ("don't", "well-known") and a point or comma kept
//     between two digits ("3.14", "1,000");
//   - a Han character, or with Han set, a word that Han cut from a run of
//     Han characters;
//   - with Punct, a run of one repeated punctuation or symbol rune ("...",
//     "!", "，", "$").
//
// Whitespace of every kind separates tokens and is never part of one.
type Tokenizer struct {
	// Lower maps every token to lower case (Unicode-aware: "ÉCOLE" → "école").
	Lower bool
	// Punct keeps punctuation and symbols as tokens of their own.
	Punct bool
	// Han, if not nil, splits each maximal run of Han characters into
	// words, which should concatenate to the run (empty ones are skipped).
	// Nil splits the run into single characters. segment.Cut segments with a
	// dictionary; it lives in its own package because its dictionary is
	// large, so only programs that segment Chinese link it.
	Han func(run string) []string
}

// Words splits s into lowercased words without punctuation, with Chinese
// split into single characters: Tokenizer{Lower: true}.Tokenize(s). For
// Chinese words use segment.Words.
func Words(s string) []string { return Tokenizer{Lower: true}.Tokenize(s) }

// Tokenize returns the tokens of s in order. It returns nil for text with no
// tokens (empty, only whitespace, or only punctuation without Punct).
func (t Tokenizer) Tokenize(s string) []string {
	var out []string
	for tok := range t.All(s) {
		out = append(out, tok)
	}
	return out
}

// All yields the tokens of s one by one without building a slice, so a
// large text can be counted in constant memory. Tokens that need no case
// change are substrings of s.
func (t Tokenizer) All(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		emit := func(tok string) bool {
			if t.Lower {
				tok = strings.ToLower(tok)
			}
			return yield(tok)
		}
		for i := 0; i < len(s); {
			r, w := utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsSpace(r):
				i += w
			case isHan(r):
				j := i + w
				for j < len(s) {
					r2, w2 := utf8.DecodeRuneInString(s[j:])
					if !isHan(r2) {
						break
					}
					j += w2
				}
				if !t.yieldHan(s[i:j], emit) {
					return
				}
				i = j
			case IsWordRune(r):
				j := scanWord(s, i)
				if !emit(s[i:j]) {
					return
				}
				i = j
			default: // punctuation, symbols, controls, invalid bytes
				j := i + w
				for j < len(s) {
					r2, w2 := utf8.DecodeRuneInString(s[j:])
					if r2 != r || r == utf8.RuneError {
						break
					}
					j += w2
				}
				if t.Punct && !unicode.IsControl(r) && r != utf8.RuneError {
					if !yield(s[i:j]) {
						return
					}
				}
				i = j
			}
		}
	}
}

// yieldHan emits the words of a run of Han characters.
func (t Tokenizer) yieldHan(run string, emit func(string) bool) bool {
	if t.Han == nil {
		for i, r := range run {
			if !emit(run[i : i+utf8.RuneLen(r)]) {
				return false
			}
		}
		return true
	}
	for _, w := range t.Han(run) {
		if w != "" && !emit(w) {
			return false
		}
	}
	return true
}

// isHan reports whether r is a Chinese (Han) character.
func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// IsWordRune reports whether r can be part of a (non-Han) word: a letter,
// mark or number outside the Han script. Words and llm's whole-word
// matching of held-out names use it alike.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)) && !isHan(r)
}

// isLetterJoiner reports whether r may join two letters inside a word.
func isLetterJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '‐'
}

// scanWord returns the end of the word that starts at s[i].
func scanWord(s string, i int) int {
	prev, w := utf8.DecodeRuneInString(s[i:])
	j := i + w
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if IsWordRune(r) {
			prev, j = r, j+w
			continue
		}
		// A joiner stays only between two word runes of the right kind.
		next, w2 := utf8.DecodeRuneInString(s[j+w:])
		if j+w >= len(s) {
			break
		}
		letters := isLetterJoiner(r) && unicode.IsLetter(prev) && IsWordRune(next) && unicode.IsLetter(next)
		digits := (r == '.' || r == ',') && unicode.IsDigit(prev) && unicode.IsDigit(next)
		if !letters && !digits {
			break
		}
		prev, j = next, j+w+w2
	}
	return j
}
