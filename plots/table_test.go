package plots

import (
	"strings"
	"testing"
)

// nextWord is the "today the ___" distribution from the seed lecture, rounded.
func nextWord() *Table {
	return NewTable("word", "p").
		Row("company", 0.153).
		Row("first", 0.0921).
		Row("government", 0.0452).
		Row("new", 0.00003).
		Bar("p")
}

func TestTableText(t *testing.T) {
	// Numbers right-aligned, bars of 20 cells scaled to the largest value
	// (0.153 → 20 cells, 0.0452 → 5.9 cells); checked by eye, then golden.
	got := nextWord().Render()[MIMEText]
	if !strings.Contains(got, "company") || !strings.Contains(got, "████████████████████") {
		t.Fatalf("text form:\n%s", got)
	}
	golden(t, "table.golden.txt", got)
}

func TestTableHTML(t *testing.T) {
	b := nextWord().Render()
	for _, want := range []string{`onclick="lingoSort(this)"`, `class="lingo-bar" style="width:100.0%"`, `data-v="0.153"`} {
		if !strings.Contains(b[MIMEHTML], want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(b[MIMEHTML], "http") {
		t.Error("HTML must be self-contained (no http references)")
	}
	golden(t, "table.golden.html", b[MIMEHTML])
}

func TestTableLimit(t *testing.T) {
	tb := NewTable("i")
	for i := range 30 {
		tb.Row(i)
	}
	b := tb.Render()
	if !strings.Contains(b[MIMEText], "… 5 more rows") || !strings.Contains(b[MIMEHTML], "… 5 more rows") {
		t.Errorf("limit of %d rows not applied:\n%s", DefaultMaxRows, b[MIMEText])
	}
	if got := strings.Count(b[MIMEText], "\n"); got != 2+DefaultMaxRows {
		t.Errorf("text has %d lines, want header+rule+%d rows+more", got+1, DefaultMaxRows)
	}
	tb.Limit(-1)
	if strings.Contains(tb.Render()[MIMEText], "more rows") {
		t.Error("Limit(-1) should show all rows")
	}
}

func TestTableOf(t *testing.T) {
	type sim struct {
		Word  string  `plots:"word"`
		Score float64 `plots:"cosine"`
		note  string  //lint:ignore U1000 TableOf must skip unexported fields
		Skip  int     `plots:"-"`
	}
	tb, err := TableOf([]*sim{{"queen", 0.7118, "x", 1}, nil, {"king", 1, "", 2}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"columns", len(tb.Columns), 2},
		{"first name", tb.Columns[0].Name, "word"},
		{"second name", tb.Columns[1].Name, "cosine"},
		{"rows", len(tb.Rows), 3},
		{"cell", tb.Rows[0][1], 0.7118},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	if _, err := TableOf(3); err == nil {
		t.Error("TableOf(3) should fail")
	}
	grid, _ := TableOf([][]int{{1, 2}, {3}})
	if len(grid.Columns) != 2 || !strings.Contains(grid.String(), "3") {
		t.Errorf("grid table:\n%s", grid)
	}
	flat, _ := TableOf([]string{"a", "b"})
	if flat.Columns[0].Name != "value" || len(flat.Rows) != 2 {
		t.Errorf("flat table: %+v", flat)
	}
}

func TestTableFormatAlign(t *testing.T) {
	tb := NewTable("n", "x").Format("x", "%.2f").Align("n", AlignCenter).Row("a", 1.0/3).Row("bbbbb", 2.0)
	got := tb.String()
	// "%.2f" of 1/3 is 0.33; "a" centred in a 5-wide column has 2 spaces left.
	if !strings.Contains(got, "0.33") || !strings.Contains(got, "  a  ") {
		t.Errorf("format/align:\n%q", got)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{3, "3"},
		{-2, "-2"},
		{0.15312, "0.1531"},
		{0.5, "0.5"},
		{0.0000123, "1.230e-05"},
		{1234567.5, "1.235e+06"},
		{12.25, "12.25"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.in); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
