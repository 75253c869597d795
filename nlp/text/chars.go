package text

import "unicode/utf8"

// Chars splits s into its characters (Unicode code points), keeping spaces
// and newlines, as character-level language models need. Each invalid UTF-8
// byte becomes a one-byte string of its own, so strings.Join(Chars(s), "")
// == s for every s.
func Chars(s string) []string {
	out := make([]string, 0, utf8.RuneCountInString(s))
	for i := 0; i < len(s); {
		_, w := utf8.DecodeRuneInString(s[i:])
		out = append(out, s[i:i+w])
		i += w
	}
	return out
}
