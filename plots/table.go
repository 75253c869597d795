package plots

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// Align is the horizontal alignment of a table column.
type Align int

// Alignments. AlignAuto right-aligns columns whose cells are all numbers and
// left-aligns the rest.
const (
	AlignAuto Align = iota
	AlignLeft
	AlignRight
	AlignCenter
)

// A Column describes one table column.
type Column struct {
	Name  string
	Align Align
	// Format is a fmt verb for numeric cells, such as "%.3f" or "%d"; empty
	// means FormatNumber.
	Format string
	// Bar draws an inline bar beside each numeric cell, proportional to
	// |value| / max |value| of the column (probabilities of a next-word
	// distribution, similarity scores).
	Bar bool
}

// DefaultMaxRows is the number of rows a Table shows when MaxRows is 0.
const DefaultMaxRows = 25

// A Table is a grid of cells with a header. Cells may be any value: numbers
// are formatted with the column's Format, everything else with Text. Rows
// past MaxRows are summarised as "… N more rows". The HTML form has a header
// that sorts the shown rows when clicked (a few lines of inline JavaScript,
// no external scripts); the text form aligns columns with spaces.
type Table struct {
	Columns []Column
	Rows    [][]any
	Caption string
	// MaxRows limits the rows shown; 0 means DefaultMaxRows, a negative value
	// shows all rows.
	MaxRows int
}

var _ Renderer = (*Table)(nil)

// NewTable returns an empty table with the given column names.
func NewTable(columns ...string) *Table {
	t := &Table{}
	for _, c := range columns {
		t.Columns = append(t.Columns, Column{Name: c})
	}
	return t
}

// Row appends a row and returns t, so calls chain. Missing cells are blank;
// cells beyond the last column are shown under unnamed columns.
func (t *Table) Row(cells ...any) *Table {
	t.Rows = append(t.Rows, cells)
	return t
}

// column returns the column named name, or nil.
func (t *Table) column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// Bar turns on inline bars for the named columns. Unknown names are ignored.
func (t *Table) Bar(columns ...string) *Table {
	for _, n := range columns {
		if c := t.column(n); c != nil {
			c.Bar = true
		}
	}
	return t
}

// Format sets the number format (a fmt verb such as "%.3f") of a column.
func (t *Table) Format(column, format string) *Table {
	if c := t.column(column); c != nil {
		c.Format = format
	}
	return t
}

// Align sets the alignment of a column.
func (t *Table) Align(column string, a Align) *Table {
	if c := t.column(column); c != nil {
		c.Align = a
	}
	return t
}

// Limit sets MaxRows.
func (t *Table) Limit(maxRows int) *Table {
	t.MaxRows = maxRows
	return t
}

// TableOf builds a table from a slice: a slice of structs (or pointers to
// structs) gives one column per exported field, named by the field or by a
// `plots:"name"` tag (`plots:"-"` skips the field); a slice of slices gives
// one row per element with columns "0", "1", …; a slice of anything else
// gives a single "value" column.
func TableOf(rows any) (*Table, error) {
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("plots: TableOf needs a slice, got %T", rows)
	}
	et := v.Type().Elem()
	for et.Kind() == reflect.Pointer {
		et = et.Elem()
	}
	t := &Table{}
	switch et.Kind() {
	case reflect.Struct:
		var fields []int
		for i := 0; i < et.NumField(); i++ {
			f := et.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, ok := f.Tag.Lookup("plots"); ok {
				if tag == "-" {
					continue
				}
				if tag != "" {
					name = tag
				}
			}
			fields = append(fields, i)
			t.Columns = append(t.Columns, Column{Name: name})
		}
		for i := 0; i < v.Len(); i++ {
			e := v.Index(i)
			for e.Kind() == reflect.Pointer || e.Kind() == reflect.Interface {
				if e.IsNil() {
					break
				}
				e = e.Elem()
			}
			row := make([]any, len(fields))
			if e.Kind() == reflect.Struct {
				for j, f := range fields {
					row[j] = e.Field(f).Interface()
				}
			}
			t.Rows = append(t.Rows, row)
		}
	case reflect.Slice, reflect.Array:
		n := 0
		for i := 0; i < v.Len(); i++ {
			e := v.Index(i)
			row := make([]any, e.Len())
			for j := range row {
				row[j] = e.Index(j).Interface()
			}
			n = max(n, len(row))
			t.Rows = append(t.Rows, row)
		}
		for j := 0; j < n; j++ {
			t.Columns = append(t.Columns, Column{Name: fmt.Sprint(j)})
		}
	default:
		t.Columns = []Column{{Name: "value"}}
		for i := 0; i < v.Len(); i++ {
			t.Rows = append(t.Rows, []any{v.Index(i).Interface()})
		}
	}
	return t, nil
}

// layout is the table as strings, ready for HTML or text.
type layout struct {
	cols    []Column
	cells   [][]string  // formatted cells of the shown rows
	values  [][]float64 // numeric value of each cell, NaN if not a number
	numeric []bool      // column is all numbers
	maxAbs  []float64   // per column, for bars
	more    int         // rows not shown
}

func (t *Table) layout() layout {
	ncol := len(t.Columns)
	for _, r := range t.Rows {
		ncol = max(ncol, len(r))
	}
	l := layout{cols: make([]Column, ncol), numeric: make([]bool, ncol), maxAbs: make([]float64, ncol)}
	copy(l.cols, t.Columns)
	for j := range l.cols {
		l.cols[j].Name = tr(l.cols[j].Name)
	}
	rows := t.Rows
	limit := t.MaxRows
	if limit == 0 {
		limit = DefaultMaxRows
	}
	if limit > 0 && len(rows) > limit {
		l.more = len(rows) - limit
		rows = rows[:limit]
	}
	for j := range l.numeric {
		l.numeric[j] = len(rows) > 0
	}
	for _, r := range rows {
		cells := make([]string, ncol)
		vals := make([]float64, ncol)
		for j := range cells {
			vals[j] = math.NaN()
			if j >= len(r) {
				l.numeric[j] = false
				continue
			}
			if x, ok := toFloat(r[j]); ok {
				vals[j] = x
				if l.cols[j].Format != "" {
					cells[j] = fmt.Sprintf(l.cols[j].Format, r[j])
				} else {
					cells[j] = FormatNumber(x)
				}
				if isFinite(x) {
					l.maxAbs[j] = math.Max(l.maxAbs[j], math.Abs(x))
				}
				continue
			}
			l.numeric[j] = false
			if r[j] != nil {
				cells[j] = Text(r[j])
			}
		}
		l.cells = append(l.cells, cells)
		l.values = append(l.values, vals)
	}
	return l
}

func (l layout) align(j int) Align {
	if a := l.cols[j].Align; a != AlignAuto {
		return a
	}
	if l.numeric[j] {
		return AlignRight
	}
	return AlignLeft
}

// frac is the bar length of cell (i, j) in [0,1].
func (l layout) frac(i, j int) float64 {
	v := l.values[i][j]
	if !isFinite(v) || l.maxAbs[j] == 0 {
		return 0
	}
	return math.Abs(v) / l.maxAbs[j]
}

// Render returns the table as sortable HTML and aligned text.
func (t *Table) Render() Bundle {
	l := t.layout()
	return Bundle{MIMEHTML: l.html(tr(t.Caption)), MIMEText: l.text(tr(t.Caption))}
}

// String returns the text form of the table.
func (t *Table) String() string { return t.layout().text(tr(t.Caption)) }

const tableTextBarWidth = 20

func (l layout) text(caption string) string {
	var sb strings.Builder
	if caption != "" {
		sb.WriteString(caption + "\n")
	}
	w := make([]int, len(l.cols))
	for j, c := range l.cols {
		w[j] = width(c.Name)
		for _, r := range l.cells {
			w[j] = max(w[j], width(clip(r[j], 60)))
		}
	}
	line := func(cells []string, row int) {
		var parts []string
		for j, s := range cells {
			a := l.align(j)
			s = clip(s, 60)
			if a == AlignCenter {
				left := (w[j] - width(s)) / 2
				s = pad(strings.Repeat(" ", left)+s, w[j], false)
			} else {
				s = pad(s, w[j], a == AlignRight)
			}
			if row >= 0 && l.cols[j].Bar {
				s += " " + pad(textBar(l.frac(row, j), tableTextBarWidth), tableTextBarWidth, false)
			} else if l.cols[j].Bar {
				s += strings.Repeat(" ", tableTextBarWidth+1)
			}
			parts = append(parts, s)
		}
		sb.WriteString(strings.TrimRight(strings.Join(parts, "  "), " ") + "\n")
	}
	names := make([]string, len(l.cols))
	rules := make([]string, len(l.cols))
	for j, c := range l.cols {
		names[j] = c.Name
		n := w[j]
		if c.Bar {
			n += tableTextBarWidth + 1
		}
		rules[j] = strings.Repeat("─", n)
	}
	line(names, -1)
	sb.WriteString(strings.Join(rules, "  ") + "\n")
	for i, r := range l.cells {
		line(r, i)
	}
	if l.more > 0 {
		fmt.Fprintf(&sb, "… %d more rows\n", l.more)
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

// tableScript sorts the shown rows of a table by the clicked column; it is
// defined once per page (guarded) so many tables can share it.
const tableScript = `<script>if(!window.lingoSort){window.lingoSort=function(th){` +
	`var t=th.closest("table"),b=t.tBodies[0],i=th.cellIndex,up=th.dataset.dir!=="a";` +
	`th.dataset.dir=up?"a":"d";var more=b.querySelector(".lingo-more");` +
	`var rs=Array.prototype.filter.call(b.rows,function(r){return r!==more});` +
	`rs.sort(function(x,y){var a=x.cells[i].dataset.v,c=y.cells[i].dataset.v,` +
	`d=parseFloat(a)-parseFloat(c);if(isNaN(d))d=a<c?-1:a>c?1:0;return up?d:-d});` +
	`rs.forEach(function(r){b.insertBefore(r,more)})}}</script>`

const tableStyle = `<style>.lingo-table{border-collapse:collapse;font:13px/1.4 system-ui,sans-serif}` +
	`.lingo-table th{cursor:pointer;border-bottom:1px solid #888;padding:2px 8px;user-select:none}` +
	`.lingo-table td{padding:1px 8px;border-bottom:1px solid #eee}` +
	`.lingo-table caption{font-weight:bold;text-align:left;padding:2px 0}` +
	`.lingo-barbox{display:inline-block;width:100px;margin-left:6px;text-align:left;vertical-align:middle}` +
	`.lingo-bar{display:inline-block;height:0.8em;background:#4c78a8;vertical-align:middle}` +
	`.lingo-more td{color:#888;font-style:italic}</style>`

func (l layout) html(caption string) string {
	var sb strings.Builder
	sb.WriteString(tableStyle)
	sb.WriteString(tableScript)
	sb.WriteString(`<table class="lingo-table">`)
	if caption != "" {
		sb.WriteString("<caption>" + esc(caption) + "</caption>")
	}
	cssAlign := func(a Align) string {
		switch a {
		case AlignRight:
			return "right"
		case AlignCenter:
			return "center"
		}
		return "left"
	}
	sb.WriteString("<thead><tr>")
	for j, c := range l.cols {
		fmt.Fprintf(&sb, `<th style="text-align:%s" onclick="lingoSort(this)" title="click to sort">%s</th>`,
			cssAlign(l.align(j)), esc(c.Name))
	}
	sb.WriteString("</tr></thead><tbody>")
	for i, r := range l.cells {
		sb.WriteString("<tr>")
		for j, s := range r {
			v := s
			if x := l.values[i][j]; !math.IsNaN(x) {
				v = fmt.Sprint(x)
			}
			fmt.Fprintf(&sb, `<td style="text-align:%s" data-v="%s">%s`, cssAlign(l.align(j)), esc(v), esc(s))
			if l.cols[j].Bar {
				fmt.Fprintf(&sb, `<span class="lingo-barbox"><span class="lingo-bar" style="width:%.1f%%"></span></span>`, 100*l.frac(i, j))
			}
			sb.WriteString("</td>")
		}
		sb.WriteString("</tr>\n")
	}
	if l.more > 0 {
		fmt.Fprintf(&sb, `<tr class="lingo-more"><td colspan="%d">… %d more rows</td></tr>`, len(l.cols), l.more)
	}
	sb.WriteString("</tbody></table>")
	return sb.String()
}
