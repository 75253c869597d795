package metrics

import (
	"regexp"
	"strings"
	"unicode"
)

// The four rules of the language-dependent part of mteval-v13a.pl, applied in
// order, each replacing all non-overlapping matches from left to right (as
// Perl's s///g and Python's re.sub do; Go's regexp has the same leftmost-first
// semantics for these patterns).
var rules13a = []struct {
	re   *regexp.Regexp
	repl string
}{
	// ASCII punctuation and symbols except . , - and ' become their own tokens:
	// { | } ~   [ \ ] ^ _ `   space ! " # $ % &   ( ) * +   : ; < = > ? @   /
	{regexp.MustCompile("([{-~\\[-` -&(-+:-@/])"), " $1 "},
	// a period or comma not preceded by a digit
	{regexp.MustCompile(`([^0-9])([.,])`), "$1 $2 "},
	// a period or comma not followed by a digit
	{regexp.MustCompile(`([.,])([^0-9])`), " $1 $2"},
	// a dash preceded by a digit
	{regexp.MustCompile(`([0-9])(-)`), "$1 $2 "},
}

// Tokenize13a tokenises a segment like mteval-v13a.pl and sacreBLEU's
// default "13a" tokeniser: it removes "<skipped>", joins lines ("-\n" is
// dropped, "\n" becomes a space), unescapes &quot; &amp; &lt; &gt;, splits off
// punctuation (periods and commas only when not next to a digit, dashes only
// after a digit) and returns the tokens separated by single spaces.
func Tokenize13a(line string) string {
	line = strings.ReplaceAll(line, "<skipped>", "")
	line = strings.ReplaceAll(line, "-\n", "")
	line = strings.ReplaceAll(line, "\n", " ")
	if strings.Contains(line, "&") {
		line = strings.ReplaceAll(line, "&quot;", `"`)
		line = strings.ReplaceAll(line, "&amp;", "&")
		line = strings.ReplaceAll(line, "&lt;", "<")
		line = strings.ReplaceAll(line, "&gt;", ">")
	}
	line = " " + line + " "
	for _, r := range rules13a {
		line = r.re.ReplaceAllString(line, r.repl)
	}
	return strings.Join(splitSpace(line), " ")
}

// isPySpace reports whether r is whitespace for Python's str.split(): Go's
// unicode.IsSpace plus the separators U+001C–U+001F.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// splitSpace splits s around runs of whitespace like Python's str.split().
func splitSpace(s string) []string {
	return strings.FieldsFunc(s, isPySpace)
}

// tokenize applies the named tokeniser: "13a" (also "") or "none" (split on
// whitespace only).
func tokenize(tok, s string) []string {
	if tok == "none" {
		return splitSpace(s)
	}
	return strings.Fields(Tokenize13a(s))
}
