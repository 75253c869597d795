package corpus

import (
	"strings"
	"unicode/utf8"
)

// roffParagraphs returns the running text of a man page written in roff
// (the man macros), one string per paragraph, with requests, comments,
// macro definitions and escapes removed. Headings (.SH, .SS) are
// paragraphs of their own; font macros (.B, .I, .BR, …) keep their text.
// It understands enough of roff for prose, not for layout: tables (tbl)
// and equations come out as their text.
func roffParagraphs(src string) []string {
	var paras []string
	var cur []string
	flush := func() {
		if p := strings.TrimSpace(strings.Join(cur, "\n")); p != "" {
			paras = append(paras, p)
		}
		cur = cur[:0]
	}
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r")
		if line == "" || (line[0] != '.' && line[0] != '\'') {
			if t := roffUnescape(line); strings.TrimSpace(t) != "" {
				cur = append(cur, t)
			} else if line == "" {
				flush()
			}
			continue
		}
		name, args := roffRequest(line[1:])
		switch name {
		case "", "\\\"", "\\#": // empty request or comment
		case "de", "de1", "am", "ig": // definitions and ignored blocks end at ..
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != ".." {
				i++
			}
			i++
		case "SH", "SS":
			flush()
			if t := roffUnescape(strings.Join(args, " ")); strings.TrimSpace(t) != "" {
				cur = append(cur, t)
			}
			flush()
		case "B", "I", "SM", "SB":
			if t := roffUnescape(strings.Join(args, " ")); strings.TrimSpace(t) != "" {
				cur = append(cur, t)
			}
		case "BR", "RB", "BI", "IB", "IR", "RI":
			if t := roffUnescape(strings.Join(args, "")); strings.TrimSpace(t) != "" {
				cur = append(cur, t)
			}
		case "PP", "LP", "P", "TP", "IP", "HP", "TQ", "sp", "RS", "RE", "TH", "nf", "fi", "EX", "EE", "bp", "ne":
			flush()
		}
	}
	flush()
	return paras
}

// roffRequest splits a request line (without its leading dot) into the
// request name and its arguments; double quotes group an argument, and a
// comment \" ends the line.
func roffRequest(s string) (string, []string) {
	s = strings.TrimLeft(s, " \t")
	if strings.HasPrefix(s, `\"`) || strings.HasPrefix(s, `\#`) {
		return `\"`, nil
	}
	if i := strings.Index(s, `\"`); i >= 0 {
		s = s[:i]
	}
	var fields []string
	for s = strings.TrimLeft(s, " \t"); s != ""; s = strings.TrimLeft(s, " \t") {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				fields = append(fields, s[1:])
				break
			}
			fields = append(fields, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		fields = append(fields, s[:end])
		s = s[end:]
	}
	if len(fields) == 0 {
		return "", nil
	}
	return fields[0], fields[1:]
}

// roffChars names the special characters \(xx and \[xx] that occur in
// prose; others are dropped.
var roffChars = map[string]string{
	"em": "—", "en": "–", "hy": "-", "mi": "-", "bu": "•", "aq": "'", "dq": `"`,
	"lq": "“", "rq": "”", "oq": "‘", "cq": "’", "co": "©", "rg": "®", "tm": "™",
	"dg": "†", "de": "°", "mu": "×", "<=": "≤", ">=": "≥", "->": "→", "<-": "←",
	"ga": "`", "ti": "~", "ha": "^", "rs": `\`, "sl": "/", "ba": "|", "br": "|",
}

// roffUnescape removes roff escapes from a text line: fonts and sizes
// vanish, \- becomes -, named characters become their Unicode form, a
// comment \" ends the line.
func roffUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			i++
			continue
		}
		e := s[i+1]
		i += 2
		switch e {
		case '"', '#': // comment
			return b.String()
		case '-', 'e', '\\':
			if e == '-' {
				b.WriteByte('-')
			} else {
				b.WriteByte('\\')
			}
		case ' ', '~', '0', 't':
			b.WriteByte(' ')
		case '&', '/', ',', '%', '|', '^', 'c', ')', ':':
		case 'f', 's', 'F', 'm', 'n', '*', 'g', 'k', 'M', 'V', 'Y':
			// \fB, \f(CW, \f[BI], \s-1, \s+2, \*(xx, \*[name], \n(xx …
			if e == 's' && i < len(s) && (s[i] == '+' || s[i] == '-') {
				i++
			}
			i = roffSkipName(s, i)
			if e == 's' {
				for i < len(s) && s[i] >= '0' && s[i] <= '9' {
					i++
				}
			}
		case '(':
			if i+2 <= len(s) {
				b.WriteString(roffChars[s[i:i+2]])
				i += 2
			} else {
				i = len(s)
			}
		case '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				i = len(s)
				break
			}
			b.WriteString(roffChars[s[i:i+end]])
			i += end + 1
		default:
			// Any other escaped character stands for itself.
			r, w := utf8.DecodeRuneInString(s[i-1:])
			b.WriteRune(r)
			i += w - 1
		}
	}
	return b.String()
}

// roffSkipName skips the name after an escape: one character, (xx, or
// [name].
func roffSkipName(s string, i int) int {
	switch {
	case i >= len(s):
		return i
	case s[i] == '(':
		return min(i+3, len(s))
	case s[i] == '[':
		if end := strings.IndexByte(s[i:], ']'); end >= 0 {
			return i + end + 1
		}
		return len(s)
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return i + w
}
