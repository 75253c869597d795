package lessons

import (
	"fmt"
	"html"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// Feedback is what an exercise checker tells a student.
type Feedback struct {
	Exercise string   // the exercise's name
	OK       bool     // the answer is right
	Message  string   // one sentence: what is right, or what is wrong
	Hints    []string // ideas for the next try, when not OK
}

var _ plots.Renderer = (*Feedback)(nil)

// Pass returns a passing Feedback, in the language set by SetLanguage.
func Pass(exercise, format string, args ...any) *Feedback {
	return &Feedback{Exercise: Translate(exercise), OK: true, Message: Translate(fmt.Sprintf(format, args...))}
}

// Fail returns a failing Feedback with optional hints, in the language set
// by SetLanguage.
func Fail(exercise, message string, hints ...string) *Feedback {
	var tr []string
	for _, h := range hints {
		tr = append(tr, Translate(h))
	}
	return &Feedback{Exercise: Translate(exercise), Message: Translate(message), Hints: tr}
}

// String is the text form: "✓ exercise: message" or "✗ exercise: message"
// followed by the hints.
func (f *Feedback) String() string {
	mark := "✗"
	if f.OK {
		mark = "✓"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s", mark, f.Exercise, f.Message)
	for _, h := range f.Hints {
		b.WriteString("\n  " + Translate("hint") + ": " + h)
	}
	return b.String()
}

// Render shows the feedback as a coloured box.
func (f *Feedback) Render() plots.Bundle {
	bg, border, mark := "#fdecea", "#d93025", "✗"
	if f.OK {
		bg, border, mark = "#e6f4ea", "#188038", "✓"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div style="background:%s;border-left:4px solid %s;padding:.5em .8em;margin:.3em 0;font-family:sans-serif">`, bg, border)
	fmt.Fprintf(&b, `<b>%s %s</b>: %s`, mark, html.EscapeString(f.Exercise), html.EscapeString(f.Message))
	if len(f.Hints) > 0 {
		b.WriteString("<ul style=\"margin:.3em 0\">")
		for _, h := range f.Hints {
			b.WriteString("<li>" + html.EscapeString(h) + "</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("</div>")
	return plots.Bundle{plots.MIMEHTML: b.String(), plots.MIMEText: f.String()}
}

// Equal is a helper for checkers comparing lists of strings: it passes when
// got equals want, and otherwise names the first difference.
func Equal(exercise string, got, want []string, hints ...string) *Feedback {
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			return Fail(exercise, fmt.Sprintf("item %d is %q, expected %q", i+1, got[i], want[i]), hints...)
		}
	}
	if len(got) != len(want) {
		return Fail(exercise, fmt.Sprintf("you have %d items, expected %d", len(got), len(want)), hints...)
	}
	return Pass(exercise, "all %d items are right", len(want))
}

// Close is a helper for numeric answers: it passes when |got−want| ≤ tol.
func Close(exercise string, got, want, tol float64, hints ...string) *Feedback {
	if d := got - want; d <= tol && d >= -tol {
		return Pass(exercise, "%.4g is right (expected %.4g ± %.2g)", got, want, tol)
	}
	return Fail(exercise, fmt.Sprintf("%.4g is not %.4g (± %.2g)", got, want, tol), hints...)
}

// Call runs f, a wrapper around the student's code, and turns a panic into
// a message a checker can show ("" when f returned normally), so a bug in an
// answer gives feedback instead of failing the cell.
func Call(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("your function panicked: %v", r)
		}
	}()
	f()
	return ""
}
