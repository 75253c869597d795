package cell

import (
	"go/scanner"
	"go/token"
	"strings"
)

// SegmentKind says what a segment of a cell is.
type SegmentKind int

const (
	GoCode    SegmentKind = iota // Go declarations and statements
	LineMagic                    // %name args
	Shell                        // !command
	CellMagic                    // %%name args on the first line; the rest of the cell is its body
)

// A Segment is a piece of a cell that runs on its own: Go code, or a magic.
type Segment struct {
	Kind SegmentKind
	// Line is the 1-based line of the cell the segment starts on.
	Line int
	// Text is the Go code, preceded by Line-1 newlines so that positions
	// in it are the cell's own; for a cell magic, its body.
	Text string
	// Magic is, for a line or cell magic, the line after its % or %%; for
	// a shell command, the command after the !.
	Magic string
}

// Segments cuts a cell into the Go code and the magics it holds, in order.
//
// A cell magic is a first line starting with %%. A line magic or shell
// command is a line starting with % or ! where a new top-level statement
// may start: not inside brackets, a raw string or a comment, not after an
// operator that continues the line (x := a &&⏎!b is Go), not in the header
// of an if, for or switch. So Go code is never taken for a magic — except
// one case that Go allows and IPython's convention claims: a top-level
// statement that is a line starting with ! (such as !ok shown as a cell's
// value) is a shell command; write (!ok) for the Go expression.
func Segments(src string) []Segment {
	if first, rest, _ := strings.Cut(strings.TrimLeft(src, " \t\r\n"), "\n"); strings.HasPrefix(first, "%%") {
		line := 1 + strings.Count(src[:strings.Index(src, "%%")], "\n")
		return []Segment{{Kind: CellMagic, Line: line, Magic: strings.TrimSpace(first[2:]), Text: rest}}
	}
	var segs []Segment
	var code strings.Builder // Go lines since the last magic
	codeLine := 1
	lines := strings.SplitAfter(src, "\n")
	flush := func() {
		if strings.TrimSpace(code.String()) != "" {
			segs = append(segs, Segment{Kind: GoCode, Line: codeLine, Text: strings.Repeat("\n", codeLine-1) + code.String()})
		}
		code.Reset()
	}
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if (strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!")) && statementStart(code.String()) {
			flush()
			kind := LineMagic
			if t[0] == '!' {
				kind = Shell
			}
			segs = append(segs, Segment{Kind: kind, Line: i + 1, Magic: strings.TrimSpace(t[1:])})
			codeLine = i + 2
			continue
		}
		code.WriteString(line)
	}
	flush()
	return segs
}

// statementStart reports whether a top-level statement may start on the
// line after code (whole lines of Go).
func statementStart(code string) bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	open := false // a raw string or comment runs past the end
	s.Init(file, []byte(code), func(_ token.Position, msg string) {
		if msg == "raw string literal not terminated" || msg == "comment not terminated" {
			open = true
		}
	}, 0)
	depth := 0
	header := false // in the header of an if, for or switch
	last := token.SEMICOLON
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK:
			depth++
		case token.LBRACE:
			if depth == 0 {
				header = false
			}
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.IF, token.FOR, token.SWITCH:
			if depth == 0 {
				header = true
			}
		}
		last = tok
	}
	return !open && depth == 0 && !header && last == token.SEMICOLON
}
