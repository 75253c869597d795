package plots

import (
	"strings"
	"testing"
)

func TestHTMLSink(t *testing.T) {
	var sb strings.Builder
	s := &HTMLSink{W: &sb}
	old := SetSink(s)
	defer SetSink(old)
	id := Display(NewTable("w").Row("a"))
	Update(id, NewTable("w").Row("b"))
	Display([]int{1, 2, 3})
	Display(Bundle{MIMESVG: `<?xml version="1.0"?><svg/>`, MIMEText: "svg"})
	got := sb.String()
	for _, want := range []string{"<!DOCTYPE html>", `class="lingo-table"`, `style.display="none"`,
		"<pre>[1 2 3]</pre>", "<svg/></div>"} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(got, "<!DOCTYPE") != 1 || strings.Contains(got, "<?xml") {
		t.Error("page header written twice or SVG prolog kept")
	}
}
