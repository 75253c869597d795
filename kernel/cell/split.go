package cell

import (
	"fmt"
	"go/scanner"
	"go/token"
)

// chunkKind says where a top-level piece of a cell goes.
type chunkKind int

const (
	chunkImport chunkKind = iota // import declarations
	chunkDecl                    // func, method, type, const and var-without-value declarations
	chunkStmt                    // statements, including x := … and var x = …, run in order
)

// A chunk is a top-level piece of a cell: byte offsets [start, end) into the
// cell source and the 1-based line and column where it starts.
type chunk struct {
	kind       chunkKind
	start, end int
	line, col  int
}

type tokInfo struct {
	off int
	tok token.Token
	lit string
}

// splitCell cuts a cell into top-level chunks. Declarations and statements
// may be mixed freely, as in a notebook; no func main is needed.
func splitCell(src string) ([]chunk, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	var scanErr error
	s.Init(file, []byte(src), func(pos token.Position, msg string) {
		if scanErr == nil {
			scanErr = fmt.Errorf("%d:%d: %s", pos.Line, pos.Column, msg)
		}
	}, 0)
	var toks []tokInfo
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		toks = append(toks, tokInfo{off: file.Offset(pos), tok: tok, lit: lit})
	}
	if scanErr != nil {
		return nil, scanErr
	}
	tokEnd := func(t tokInfo) int {
		switch {
		case t.tok == token.SEMICOLON:
			return t.off
		case t.lit != "":
			return t.off + len(t.lit)
		default:
			return t.off + len(t.tok.String())
		}
	}
	var chunks []chunk
	for i := 0; i < len(toks); {
		if toks[i].tok == token.SEMICOLON {
			i++
			continue
		}
		// Find the end of this top-level statement or declaration.
		depth, j := 0, i
		for ; j < len(toks); j++ {
			switch toks[j].tok {
			case token.LPAREN, token.LBRACK, token.LBRACE:
				depth++
			case token.RPAREN, token.RBRACK, token.RBRACE:
				depth--
			case token.SEMICOLON:
				if depth <= 0 {
					goto found
				}
			}
		}
	found:
		kind := chunkStmt
		switch toks[i].tok {
		case token.IMPORT:
			kind = chunkImport
		case token.TYPE, token.CONST:
			kind = chunkDecl
		case token.VAR:
			if !hasTopLevelAssign(toks[i:j]) {
				kind = chunkDecl
			}
		case token.FUNC:
			if isFuncDecl(toks[i:j]) {
				kind = chunkDecl
			}
		}
		start, end := toks[i].off, tokEnd(toks[j-1])
		p := file.Position(file.Pos(start))
		chunks = append(chunks, chunk{kind: kind, start: start, end: end, line: p.Line, col: p.Column})
		i = j
	}
	return chunks, nil
}

// hasTopLevelAssign reports whether a var declaration gives values (an "="
// outside brackets), in which case it runs as a statement.
func hasTopLevelAssign(toks []tokInfo) bool {
	depth := 0
	for k, t := range toks {
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			// var ( … ) groups: look inside the group's own level.
			if !(k == 1 && t.tok == token.LPAREN) {
				depth++
			}
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.ASSIGN:
			if depth <= 0 {
				return true
			}
		}
	}
	return false
}

// isFuncDecl tells a function or method declaration from a function literal
// used as a statement (func(){ … }()).
func isFuncDecl(toks []tokInfo) bool {
	if len(toks) < 2 {
		return false
	}
	if toks[1].tok == token.IDENT {
		return true
	}
	if toks[1].tok != token.LPAREN {
		return false
	}
	// func (recv) Name( … : a method.
	depth := 0
	for k := 1; k < len(toks); k++ {
		switch toks[k].tok {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return k+2 < len(toks) && toks[k+1].tok == token.IDENT &&
					(toks[k+2].tok == token.LPAREN || toks[k+2].tok == token.LBRACK)
			}
		}
	}
	return false
}
