package cell

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"
)

func syntaxError(err error, src, file string) error {
	ce := &CompileError{Src: src}
	if list, ok := err.(interface{ Unwrap() []error }); ok {
		for i, e := range list.Unwrap() {
			if i == 10 {
				break
			}
			ce.Msgs = append(ce.Msgs, cleanSyntax(e.Error(), src, file))
		}
	} else {
		ce.Msgs = append(ce.Msgs, cleanSyntax(err.Error(), src, file))
	}
	return ce
}

func cleanSyntax(msg, src, file string) string {
	// "cell5:3:7: expected …" → with source line.
	if strings.HasPrefix(msg, file+":") {
		rest := strings.TrimPrefix(msg, file+":")
		parts := strings.SplitN(rest, ":", 3)
		if len(parts) == 3 {
			l, err1 := strconv.Atoi(parts[0])
			c, err2 := strconv.Atoi(parts[1])
			if err1 == nil && err2 == nil {
				return FormatError(token.Position{Filename: file, Line: l, Column: c}, strings.TrimSpace(parts[2]), src)
			}
		}
	}
	return msg
}

// formatError renders "cell5:3:7: msg" followed by the source line and a caret.
func FormatError(p token.Position, msg, src string) string {
	msg = strings.ReplaceAll(msg, Mark, "")
	s := fmt.Sprintf("%s:%d:%d: %s", p.Filename, p.Line, p.Column, msg)
	lines := strings.Split(src, "\n")
	if p.Line >= 1 && p.Line <= len(lines) {
		line := lines[p.Line-1]
		col := p.Column - 1
		if col < 0 || col > len(line) {
			col = len(line)
		}
		pad := strings.Map(func(r rune) rune {
			if r == '\t' {
				return '\t'
			}
			return ' '
		}, line[:col])
		s += fmt.Sprintf("\n    %d | %s\n    %s | %s^", p.Line, line, strings.Repeat(" ", len(strconv.Itoa(p.Line))), pad)
	}
	return s
}
