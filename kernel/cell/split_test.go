package cell

import "testing"

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

func TestSplitCellErrors(t *testing.T) {
	if _, err := splitCell("x := \"unterminated"); err == nil {
		t.Fatal("unterminated string: no error")
	}
	chunks, err := splitCell("   \n// only a comment\n")
	if err != nil || len(chunks) != 0 {
		t.Fatalf("empty cell: %v, %v", chunks, err)
	}
}
