package cell

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitCell(t *testing.T) {
	src := `import "fmt"
type point struct{ x, y int }
func (p point) String() string { return fmt.Sprint(p.x) }
m := map[string]int{}
var count int
var total = 3
var (
	a = 1
	b int
)
func() { fmt.Println("lit") }()
func add(a, b int) int {
	return a + b
}
for i := range 3 { m["k"] += i }
m`
	chunks, err := splitCell(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind chunkKind
		text string
	}{
		{chunkImport, `import "fmt"`},
		{chunkDecl, `type point struct{ x, y int }`},
		{chunkDecl, `func (p point) String() string { return fmt.Sprint(p.x) }`},
		{chunkStmt, `m := map[string]int{}`},
		{chunkDecl, `var count int`},
		{chunkStmt, `var total = 3`},
		{chunkStmt, "var (\n\ta = 1\n\tb int\n)"},
		{chunkStmt, `func() { fmt.Println("lit") }()`},
		{chunkDecl, "func add(a, b int) int {\n\treturn a + b\n}"},
		{chunkStmt, `for i := range 3 { m["k"] += i }`},
		{chunkStmt, `m`},
	}
	if len(chunks) != len(want) {
		for _, c := range chunks {
			t.Logf("%d %q", c.kind, src[c.start:c.end])
		}
		t.Fatalf("got %d chunks, want %d", len(chunks), len(want))
	}
	for i, w := range want {
		c := chunks[i]
		if c.kind != w.kind || src[c.start:c.end] != w.text {
			t.Errorf("chunk %d = (%d, %q), want (%d, %q)", i, c.kind, src[c.start:c.end], w.kind, w.text)
		}
	}
	if chunks[3].line != 4 || chunks[3].col != 1 {
		t.Errorf("chunk 3 at %d:%d, want 4:1", chunks[3].line, chunks[3].col)
	}
}

// Statements whose headers hold semicolons, and declarations whose
// signatures hold braces, split where go/parser says they end (issue 27
// item 2: `for i := 0; ; i++ {` used to be cut at its first semicolon).
func TestSplitCellFollowsTheParser(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // chunk texts
		kinds     []chunkKind
	}{
		{"three-clause for", "for i := 0; ; i++ {\n\tif i > 3 { break }\n}\nx := 1",
			[]string{"for i := 0; ; i++ {\n\tif i > 3 { break }\n}", "x := 1"}, []chunkKind{chunkStmt, chunkStmt}},
		{"if with a statement", "if n, err := strconv.Atoi(\"1\"); err == nil { fmt.Println(n) }",
			[]string{"if n, err := strconv.Atoi(\"1\"); err == nil { fmt.Println(n) }"}, []chunkKind{chunkStmt}},
		{"switch with a statement", "switch x := 2; x { case 1: }\ny := 2",
			[]string{"switch x := 2; x { case 1: }", "y := 2"}, []chunkKind{chunkStmt, chunkStmt}},
		{"func returning an interface", "func f() interface{ M() } { return nil }\nf()",
			[]string{"func f() interface{ M() } { return nil }", "f()"}, []chunkKind{chunkDecl, chunkStmt}},
		{"generic type and method", "type box[T any] struct{ v T }\nfunc (b box[T]) get() T { return b.v }",
			[]string{"type box[T any] struct{ v T }", "func (b box[T]) get() T { return b.v }"}, []chunkKind{chunkDecl, chunkDecl}},
		{"statements on one line", "a := 1; b := 2; a + b",
			[]string{"a := 1", "b := 2", "a + b"}, []chunkKind{chunkStmt, chunkStmt, chunkStmt}},
		{"continued line", "okv := true &&\n\t!false\nokv",
			[]string{"okv := true &&\n\t!false", "okv"}, []chunkKind{chunkStmt, chunkStmt}},
		{"raw string with magic-like lines", "s := `\n%time\n!ls\n`\nlen(s)",
			[]string{"s := `\n%time\n!ls\n`", "len(s)"}, []chunkKind{chunkStmt, chunkStmt}},
		{"labelled loop", "outer:\nfor {\n\tbreak outer\n}",
			[]string{"outer:\nfor {\n\tbreak outer\n}"}, []chunkKind{chunkStmt}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chunks, err := splitCell(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var kinds []chunkKind
			for _, c := range chunks {
				got = append(got, tc.src[c.start:c.end])
				kinds = append(kinds, c.kind)
			}
			if !slices.Equal(got, tc.want) || !slices.Equal(kinds, tc.kinds) {
				t.Errorf("chunks %q %v, want %q %v", got, kinds, tc.want, tc.kinds)
			}
		})
	}
}

func TestSplitCellErrors(t *testing.T) {
	if _, err := splitCell("x := \"unterminated"); err == nil {
		t.Fatal("unterminated string: no error")
	}
	chunks, err := splitCell("   \n// only a comment\n")
	if err != nil || len(chunks) != 0 {
		t.Fatalf("empty cell: %v, %v", chunks, err)
	}
	_, err = splitCell("x := 1\ny := )\nz := 3")
	var se *SyntaxError
	if !errors.As(err, &se) || se.Pos.Line != 2 || se.Pos.Column != 6 || se.AtEnd {
		t.Fatalf("syntax error at %+v (%v), want line 2 column 6, not at the end", se, err)
	}
}

func TestSegments(t *testing.T) {
	type seg struct {
		kind SegmentKind
		line int
		text string // Go code without its padding, or the magic
	}
	for _, tc := range []struct {
		name, src string
		want      []seg
	}{
		{"go only", "x := 1\nx", []seg{{GoCode, 1, "x := 1\nx"}}},
		{"line magic between code", "x := 1\n%time f(x)\ny := 2", []seg{{GoCode, 1, "x := 1\n"}, {LineMagic, 2, "time f(x)"}, {GoCode, 3, "y := 2"}}},
		{"shell first", "  !ls -la\nx := 1", []seg{{Shell, 1, "ls -la"}, {GoCode, 2, "x := 1"}}},
		{"cell magic", "\n%%time\nx := 1\n", []seg{{CellMagic, 2, "time"}}},
		{"! continuing an operator", "okv := true &&\n\t!false\nfmt.Println(okv)", []seg{{GoCode, 1, "okv := true &&\n\t!false\nfmt.Println(okv)"}}},
		{"% and ! in a raw string", "s := `\n%d\n!x\n`", []seg{{GoCode, 1, "s := `\n%d\n!x\n`"}}},
		{"! in brackets", "f(\n!ok)", []seg{{GoCode, 1, "f(\n!ok)"}}},
		{"! in a block", "if x {\n!y\n}", []seg{{GoCode, 1, "if x {\n!y\n}"}}},
		{"! in a comment", "/*\n!ls\n*/\nx := 1", []seg{{GoCode, 1, "/*\n!ls\n*/\nx := 1"}}},
		{"! in a for header", "for i := 0;\n!done; i++ {}", []seg{{GoCode, 1, "for i := 0;\n!done; i++ {}"}}},
		{"after a block", "if x {\n}\n!pwd", []seg{{GoCode, 1, "if x {\n}\n"}, {Shell, 3, "pwd"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []seg
			for _, s := range Segments(tc.src) {
				text := s.Magic
				if s.Kind == GoCode {
					if pad := strings.Repeat("\n", s.Line-1); !strings.HasPrefix(s.Text, pad) {
						t.Errorf("segment at line %d is not padded to it: %q", s.Line, s.Text)
					}
					text = s.Text[s.Line-1:]
				}
				got = append(got, seg{s.Kind, s.Line, text})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("segments %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestIsComplete(t *testing.T) {
	for _, tc := range []struct{ code, status string }{
		{"x := 1", "complete"},
		{`fmt.Println("ok")`, "complete"},
		{"func f() int { return 1 }", "complete"},
		{"for i := 0; ; i++ { break }", "complete"},
		{"%time x := 1", "complete"},
		{"!ls", "complete"},
		{"func f() {", "incomplete"},
		{"xs := []int{1,", "incomplete"},
		{`fmt.Println("a",`, "incomplete"},
		{"x := 1 +", "incomplete"},
		{"s := `raw", "incomplete"},
		{"/* comment", "incomplete"},
		{"x := )", "invalid"},
		{"}", "invalid"},
		// Issue 27 item 10: no input can make these parse.
		{"x := )(", "invalid"},
		{"}{", "invalid"},
		{"x := 1 1", "invalid"},
		{`x := "unterminated`, "invalid"},
	} {
		if got, _ := IsComplete(tc.code); got != tc.status {
			t.Errorf("IsComplete(%q) = %s, want %s", tc.code, got, tc.status)
		}
	}
	if st, indent := IsComplete("for {\n\tif x {"); st != "incomplete" || indent != "        " {
		t.Errorf("nested blocks: %s %q, want incomplete with two levels of indent", st, indent)
	}
}

// FuzzSplitCell checks the splitter against go/parser: a cell that
// go/parser accepts as a function body is cut into exactly its top-level
// statements, and no line of it is taken for a magic, except a top-level
// statement that is a line starting with ! (documented in Segments).
func FuzzSplitCell(f *testing.F) {
	for _, seed := range []string{
		"x := 1\nx",
		"for i := 0; ; i++ {\n\tif i > 3 { break }\n}",
		"okv := true &&\n\t!false\nfmt.Println(okv)",
		"s := `\n%time\n!ls\n`\n_ = s",
		"if n, err := strconv.Atoi(\"1\"); err == nil { _ = n }",
		"switch x := 2; x { case 1: fallthrough\ndefault: }",
		"type box[T any] struct{ v T }\nvar b box[int]",
		"a := 1; b := 2; _ = a + b",
		"L:\nfor {\n\tbreak L\n}",
		"x := func() int { return 1 }()\n!ok",
		"for i := 0;\n!done; i++ {}",
		"f(\n!ok)\n/*\n%x\n*/",
		"var (\n\ta = 1\n\tb int\n)",
		"go func() {}()\ndefer func() {}()",
		"select {\ncase <-ch:\ndefault:\n}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		segs := Segments(src) // never panics
		if strings.Contains(src, "\r") || !utf8.ValidString(src) {
			return
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "", stmtPrefix+src+"\n}", parser.SkipObjectResolution)
		if err != nil {
			return
		}
		body := file.Decls[0].(*ast.FuncDecl).Body.List
		offset := func(p token.Pos) int { return fset.Position(p).Offset - len(stmtPrefix) }
		// The lines that are top-level statements starting with !.
		bang := map[int]bool{}
		var stmts []string
		for _, s := range body {
			if _, ok := s.(*ast.EmptyStmt); ok { // does nothing
				continue
			}
			a := offset(s.Pos())
			stmts = append(stmts, src[a:min(offset(s.End()), len(src))])
			lineStart := strings.LastIndex(src[:a], "\n") + 1
			if src[a] == '!' && strings.TrimSpace(src[lineStart:a]) == "" {
				bang[strings.Count(src[:a], "\n")+1] = true
			}
		}
		// Up to the first such line (after which the Go code differs: the
		// shell command takes its whole line), no magic.
		firstBang := len(src) + 1
		for l := range bang {
			firstBang = min(firstBang, l)
		}
		var code []Segment
		for _, s := range segs {
			switch {
			case s.Kind == GoCode:
				code = append(code, s)
			case s.Kind == Shell && s.Line == firstBang:
				return
			default:
				t.Fatalf("line %d taken for a magic in Go code %q", s.Line, src)
			}
		}
		if len(bang) > 0 {
			t.Fatalf("line %d of %q starts a statement with ! but is not a shell command", firstBang, src)
		}
		if len(code) > 1 || len(code) == 1 && code[0].Text != src {
			t.Fatalf("Go code %q came back as %d segments", src, len(code))
		}
		chunks, err := splitCell(src)
		if err != nil {
			t.Fatalf("splitCell(%q): %v", src, err)
		}
		var got []string
		for _, c := range chunks {
			got = append(got, src[c.start:c.end])
		}
		if !slices.Equal(got, stmts) {
			t.Fatalf("splitCell(%q) = %q, want the parser's statements %q", src, got, stmts)
		}
	})
}
