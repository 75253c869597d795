package text

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits s into sentences; see AllSentences for the rules.
func Sentences(s string) []string {
	var out []string
	for sent := range AllSentences(s) {
		out = append(out, sent)
	}
	return out
}

// AllSentences yields the sentences of s in order. It is a rule-based
// splitter in the spirit of the Punkt heuristics, without training:
//
//   - a blank line (paragraph break) always ends a sentence;
//   - 。！？ (and full-width ．) end a sentence, with or without a space after;
//   - . ! ? … end a sentence when followed by whitespace (or the end of the
//     text) and the next word does not start with a lower-case letter;
//     trailing closing quotes and brackets ("”’)»」) stay with the sentence;
//   - a point after a known abbreviation (Mr, Dr, St, etc, e.g, …) or a
//     single letter (initials, "U.S.") does not end a sentence.
//
// Each sentence is trimmed and its inner whitespace collapsed to one space;
// a line break between two Chinese characters is removed, since hard-wrapped
// Chinese has no spaces.
func AllSentences(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i < len(s); {
			r, w := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '\n' && blankLineAfter(s, i):
				if !emitSentence(s[start:i], yield) {
					return
				}
				start = i + w
			case isTerminator(r):
				end := skipClosers(s, i)
				if boundaryAt(s, i, end) {
					if !emitSentence(s[start:end], yield) {
						return
					}
					start = end
					i = end
					continue
				}
				i = end
				continue
			}
			i += w
		}
		emitSentence(s[start:], yield)
	}
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '．', '｡':
		return true
	}
	return false
}

func isCJKTerminator(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '．' || r == '｡'
}

// skipClosers returns the end of the terminator run at s[i] and the closing
// quotes or brackets after it.
func skipClosers(s string, i int) int {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isTerminator(r) && !strings.ContainsRune("\"'”’)]}»」』）】", r) {
			break
		}
		j += w
	}
	return j
}

// blankLineAfter reports whether the newline at s[i] starts a blank line.
func blankLineAfter(s string, i int) bool {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return false
}

// abbreviations are words that commonly end with a point mid-sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true,
	"jr": true, "st": true, "vs": true, "etc": true, "e.g": true, "i.e": true,
	"cf": true, "gen": true, "gov": true, "sen": true, "rep": true, "col": true,
	"capt": true, "lt": true, "messrs": true, "mt": true, "no": true, "vol": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// boundaryAt decides whether the terminator run s[i:end] ends a sentence.
func boundaryAt(s string, i, end int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if isCJKTerminator(r) {
		return true
	}
	if end < len(s) {
		next, _ := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsSpace(next) {
			return false
		}
	}
	// The next word must not start in lower case.
	rest := strings.TrimLeftFunc(s[end:], unicode.IsSpace)
	if first, _ := utf8.DecodeRuneInString(rest); rest != "" && unicode.IsLower(first) {
		return false
	}
	if r == '.' && end == i+1 {
		// The word before the point: letters and inner points.
		k := i
		for k > 0 {
			p, w := utf8.DecodeLastRuneInString(s[:k])
			if !unicode.IsLetter(p) && p != '.' {
				break
			}
			k -= w
		}
		word := strings.ToLower(s[k:i])
		if abbreviations[word] {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(s[k:i])
		if initial := word[strings.LastIndexByte(word, '.')+1:]; utf8.RuneCountInString(initial) == 1 && unicode.IsUpper(last) {
			return false // an initial: "J. R. R. Tolkien", "U.S."
		}
	}
	return true
}

// emitSentence normalises whitespace in sent and yields it if not empty.
func emitSentence(sent string, yield func(string) bool) bool {
	sent = strings.TrimSpace(sent)
	if sent == "" {
		return true
	}
	return yield(collapseSpace(sent))
}

// collapseSpace replaces each run of whitespace by one space, or by nothing
// when it contains a line break between two wide (CJK) characters.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			b.WriteString(s[i : i+w])
			i += w
			continue
		}
		j, newline := i, false
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			newline = newline || r2 == '\n'
			j += w2
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[j:])
		if !(newline && isWide(prev) && isWide(next)) {
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

// isWide reports whether r is a Han character or CJK punctuation.
func isWide(r rune) bool {
	return isHan(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
