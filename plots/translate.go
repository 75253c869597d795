package plots

import "sync/atomic"

// translator holds the function SetTranslator installed, or nil.
var translator atomic.Pointer[func(string) string]

// SetTranslator sets a function that charts and tables apply, when they
// render, to the words they show around the data: titles, axis labels,
// legend entries, table captions and column headers. The lessons set it to
// show a Chinese notebook's charts in Chinese (lessons.SetLanguage); nil
// removes it. Data (tick labels, table cells, points' labels) is shown as
// given.
func SetTranslator(f func(string) string) {
	if f == nil {
		translator.Store(nil)
		return
	}
	translator.Store(&f)
}

// tr applies the translator set by SetTranslator, if any.
func tr(s string) string {
	if f := translator.Load(); f != nil && s != "" {
		return (*f)(s)
	}
	return s
}
