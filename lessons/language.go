package lessons

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/lingo-nlp/lingo/plots"
)

// Languages lists the languages feedback can be given in: "en" (the
// default) and "zh" (简体中文).
var Languages = []string{"en", "zh"}

var (
	langMu sync.RWMutex
	lang   = "en"
)

// SetLanguage sets the language of everything the lessons say from now on:
// exercise feedback (names, messages, hints) and, through plots, the titles,
// axis labels, legends and table headers of charts and tables. A Chinese
// notebook calls SetLanguage("zh") in its first cell; "en" switches back.
func SetLanguage(l string) error {
	switch l {
	case "en", "zh":
	default:
		return fmt.Errorf("lessons: unknown language %q; known: %s", l, strings.Join(Languages, ", "))
	}
	langMu.Lock()
	lang = l
	langMu.Unlock()
	if l == "en" {
		plots.SetTranslator(nil)
	} else {
		plots.SetTranslator(Translate)
	}
	return nil
}

// Language returns the language set by SetLanguage ("en" by default).
func Language() string {
	langMu.RLock()
	defer langMu.RUnlock()
	return lang
}

// Translate returns s in the language set by SetLanguage, or s itself if
// the language is English or the catalogue has no translation.
//
// The catalogue is keyed by the English text as the lessons write it: a
// plain string, or a fmt format such as "for %s: %s". A formatted message
// is matched against the formats, and the text that stood for each verb is
// put into the translated format, itself translated if the catalogue knows
// it; so checkers keep writing English with fmt.Sprintf and a notebook in
// another language shows their messages translated.
func Translate(s string) string {
	if Language() == "en" || s == "" {
		return s
	}
	return zhCatalogue.translate(s, 0)
}

// catalogue is a table of translations, with the formats among its keys
// compiled to patterns.
type catalogue struct {
	exact    map[string]string
	once     sync.Once
	suffixes []string  // keys without verbs that checkers append to messages
	patterns []pattern // keys with verbs; a suffix's pattern matches what precedes it too
}

// isSuffix reports whether a key is text that checkers append to a
// message: it starts with " (", ": " or "; ".
func isSuffix(key string) bool {
	return strings.HasPrefix(key, " (") || strings.HasPrefix(key, ": ") || strings.HasPrefix(key, "; ")
}

// pattern is one format key: a regular expression matching what the format
// prints, and the translation with its verbs.
type pattern struct {
	en    string
	re    *regexp.Regexp
	nargs int
	to    string
}

// maxDepth bounds the translation of a verb's text, which may itself be a
// formatted message.
const maxDepth = 4

func (c *catalogue) translate(s string, depth int) string {
	if t, ok := c.exact[s]; ok {
		return t
	}
	if depth >= maxDepth {
		return s
	}
	c.once.Do(c.compile)
	for _, sf := range c.suffixes {
		if strings.HasSuffix(s, sf) && len(s) > len(sf) {
			return c.translate(s[:len(s)-len(sf)], depth+1) + c.exact[sf]
		}
	}
	for _, p := range c.patterns {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		args := make([]string, len(m)-1)
		for i, a := range m[1:] {
			args[i] = c.translate(a, depth+1)
		}
		return substitute(p.to, args)
	}
	return s
}

// compile turns every key that holds a verb into a pattern, longest
// literal text first, so that "%s: %s" is tried after more specific
// formats.
func (c *catalogue) compile() {
	for en, to := range c.exact {
		re, n, ok := formatPattern(en)
		if !ok {
			if isSuffix(en) {
				c.suffixes = append(c.suffixes, en)
			}
			continue
		}
		if isSuffix(en) {
			// the message before the suffix is the first argument
			re = regexp.MustCompile(`^(?s)(.+?)` + strings.TrimPrefix(re.String(), `^(?s)`))
			n++
			to = "%[1]s" + shiftVerbs(to)
		}
		c.patterns = append(c.patterns, pattern{en, re, n, to})
	}
	// longest suffix first, so that " (…)" never takes a longer suffix's place
	slices.SortFunc(c.suffixes, func(a, b string) int {
		if d := len(b) - len(a); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	literal := func(p pattern) int { return len(verb.ReplaceAllString(p.en, "")) }
	slices.SortFunc(c.patterns, func(a, b pattern) int {
		if d := literal(b) - literal(a); d != 0 {
			return d
		}
		return strings.Compare(a.en, b.en)
	})
}

// verb matches a fmt verb: %v, %q, %.4f, %[2]d, %-7s…
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]|%%`)

// formatPattern compiles an English format into an anchored regular
// expression with one group per verb; ok is false if it has no verb.
func formatPattern(format string) (re *regexp.Regexp, n int, ok bool) {
	var b strings.Builder
	b.WriteString(`^(?s)`)
	last := 0
	for _, loc := range verb.FindAllStringIndex(format, -1) {
		b.WriteString(regexp.QuoteMeta(format[last:loc[0]]))
		v := format[loc[0]:loc[1]]
		last = loc[1]
		switch {
		case v == "%%":
			b.WriteString("%")
			continue
		case strings.HasSuffix(v, "d"):
			b.WriteString(`(-?\d+)`)
		case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "v"):
			b.WriteString(`(.*?)`)
		default:
			b.WriteString(`(.+?)`)
		}
		n++
	}
	if n == 0 {
		return nil, 0, false
	}
	b.WriteString(regexp.QuoteMeta(format[last:]))
	b.WriteString(`$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, 0, false
	}
	return re, n, true
}

// substitute puts args into a translated format: its verbs in order, or
// %[n]v to take argument n.
func substitute(format string, args []string) string {
	var b strings.Builder
	last, next := 0, 0
	for _, loc := range verb.FindAllStringSubmatchIndex(format, -1) {
		b.WriteString(format[last:loc[0]])
		last = loc[1]
		v := format[loc[0]:loc[1]]
		if v == "%%" {
			b.WriteString("%")
			continue
		}
		i := next
		if loc[2] >= 0 {
			fmt.Sscanf(format[loc[2]+1:loc[3]-1], "%d", &i)
			i-- // %[1]v is the first argument
		}
		if i >= 0 && i < len(args) {
			b.WriteString(args[i])
		}
		next = i + 1
	}
	b.WriteString(format[last:])
	return b.String()
}

// shiftVerbs rewrites a translated suffix's verbs to take arguments 2, 3, …
// (argument 1 is the message the suffix follows).
func shiftVerbs(format string) string {
	var b strings.Builder
	last, next := 0, 1
	for _, loc := range verb.FindAllStringSubmatchIndex(format, -1) {
		b.WriteString(format[last:loc[0]])
		last = loc[1]
		v := format[loc[0]:loc[1]]
		if v == "%%" {
			b.WriteString(v)
			continue
		}
		i := next
		if loc[2] >= 0 {
			fmt.Sscanf(format[loc[2]+1:loc[3]-1], "%d", &i)
		}
		fmt.Fprintf(&b, "%%[%d]s", i+1)
		next = i + 1
	}
	b.WriteString(format[last:])
	return b.String()
}
