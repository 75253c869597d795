package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
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

// A SyntaxError is a cell that does not parse.
type SyntaxError struct {
	Pos token.Position // line and column in the cell; Offset is a byte offset
	Msg string
	// AtEnd is set when more input could complete the code ("expected
	// '}', found 'EOF'").
	AtEnd bool
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// splitCell cuts a cell into top-level chunks. Declarations and statements
// may be mixed freely, as in a notebook; no func main is needed.
//
// Imports and function and method declarations are found in the token
// stream (their ends confirmed by go/parser); every run of code between
// them is parsed by go/parser as a function body, whose top-level
// statements are the statement chunks. So a cell that go/parser accepts as
// a function body splits into exactly its statements.
func splitCell(src string) ([]chunk, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	toks, err := scan(file, src)
	if err != nil {
		return nil, err
	}
	at := func(off int) (int, int) {
		p := file.Position(file.Pos(off))
		return p.Line, p.Column
	}
	var chunks []chunk
	region := -1 // start of the statements not yet parsed, -1 if none
	flush := func(end int) error {
		if region < 0 {
			return nil
		}
		cs, err := splitStatements(src, region, end, at)
		chunks = append(chunks, cs...)
		region = -1
		return err
	}
	depth := 0
	stmtStart := true // the next token starts a top-level statement
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if depth == 0 && stmtStart && (t.tok == token.IMPORT || t.tok == token.FUNC && isFuncDecl(toks[i:])) {
			end := declEnd(src, toks, i)
			if err := flush(t.off); err != nil {
				return nil, err
			}
			kind := chunkDecl
			if t.tok == token.IMPORT {
				kind = chunkImport
			}
			line, col := at(t.off)
			chunks = append(chunks, chunk{kind: kind, start: t.off, end: end, line: line, col: col})
			for i+1 < len(toks) && toks[i+1].off < end {
				i++
			}
			stmtStart = true
			continue
		}
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		stmtStart = t.tok == token.SEMICOLON && depth == 0
		if t.tok != token.SEMICOLON && region < 0 {
			region = t.off
		}
	}
	if err := flush(len(src)); err != nil {
		return nil, err
	}
	return chunks, nil
}

// scan returns the tokens of src, or the first scanner error.
func scan(file *token.File, src string) ([]tokInfo, error) {
	var s scanner.Scanner
	var scanErr *SyntaxError
	s.Init(file, []byte(src), func(pos token.Position, msg string) {
		if scanErr == nil {
			// A raw string or a comment may go on in the next lines.
			scanErr = &SyntaxError{Pos: pos, Msg: msg, AtEnd: msg == "raw string literal not terminated" || msg == "comment not terminated"}
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
	return toks, nil
}

func tokEnd(t tokInfo) int {
	switch {
	case t.tok == token.SEMICOLON:
		return t.off
	case t.lit != "":
		return t.off + len(t.lit)
	default:
		return t.off + len(t.tok.String())
	}
}

// declEnd returns the end offset of the import or function declaration
// whose first token is toks[i]. A function ends at the first closing brace
// at its own level after which the text parses as a function with a body
// (so `func f() interface{ M() } { … }` ends at the body's brace). A
// declaration also ends at a semicolon at its own level, which a valid
// function never has: the type checker reports what is wrong with it.
func declEnd(src string, toks []tokInfo, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK:
			depth--
		case token.RBRACE:
			depth--
			if depth == 0 && toks[i].tok == token.FUNC && parsesAsFunc(src[toks[i].off:tokEnd(toks[j])]) {
				return tokEnd(toks[j])
			}
		case token.SEMICOLON:
			if depth <= 0 {
				return tokEnd(toks[j-1])
			}
		}
	}
	return tokEnd(toks[len(toks)-1])
}

func parsesAsFunc(text string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+text, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return false
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	return ok && fd.Body != nil
}

// stmtPrefix wraps a run of statements so go/parser reads it as a function
// body.
const stmtPrefix = "package p;func _(){"

// splitStatements parses src[start:end] as a function body and returns its
// top-level statements as chunks.
func splitStatements(src string, start, end int, at func(off int) (int, int)) ([]chunk, error) {
	body := stmtPrefix + src[start:end] + "\n}"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", body, parser.SkipObjectResolution)
	if err != nil {
		list, ok := err.(scanner.ErrorList)
		if !ok || len(list) == 0 {
			return nil, err
		}
		off := list[0].Pos.Offset - len(stmtPrefix) + start
		if off > end {
			off = end
		}
		line, col := at(off)
		return nil, &SyntaxError{Pos: token.Position{Offset: off, Line: line, Column: col}, Msg: list[0].Msg, AtEnd: off >= len(strings.TrimRight(src, " \t\r\n"))}
	}
	var chunks []chunk
	offset := func(p token.Pos) int { return fset.Position(p).Offset - len(stmtPrefix) + start }
	for _, s := range f.Decls[0].(*ast.FuncDecl).Body.List {
		if _, ok := s.(*ast.EmptyStmt); ok { // does nothing
			continue
		}
		// A label on nothing (L: at the end) ends in the wrapper's "}".
		a, b := offset(s.Pos()), min(offset(s.End()), end)
		line, col := at(a)
		chunks = append(chunks, chunk{kind: stmtKind(s), start: a, end: b, line: line, col: col})
	}
	return chunks, nil
}

// stmtKind says where a top-level statement goes: type and constant
// declarations, and variables declared without a value, go to the
// declarations package; everything else runs in order.
func stmtKind(s ast.Stmt) chunkKind {
	ds, ok := s.(*ast.DeclStmt)
	if !ok {
		return chunkStmt
	}
	gd, ok := ds.Decl.(*ast.GenDecl)
	if !ok {
		return chunkStmt
	}
	if gd.Tok == token.VAR {
		for _, sp := range gd.Specs {
			if vs, ok := sp.(*ast.ValueSpec); ok && len(vs.Values) > 0 {
				return chunkStmt
			}
		}
	}
	return chunkDecl
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
