package worker

import (
	"reflect"
	"runtime"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/rt"
	"github.com/lingo-nlp/lingo/plots"
)

// sink sends displays to the kernel.
type sink struct{}

func (sink) Display(b plots.Bundle, id string, update bool) error {
	flushStdout()
	send(Event{Op: EvDisplay, Data: dropEmptyText(b), ID: id, Update: update})
	return nil
}

func (sink) Clear(wait bool) error {
	flushStdout()
	send(Event{Op: EvClear, Wait: wait})
	return nil
}

// host serves cell code through package rt.
type host struct{}

var inputs = make(chan Command, 1)

// Result shows the value of a cell's last expression.
func (host) Result(vs []any) {
	var b plots.Bundle
	if len(vs) == 1 {
		if _, ok := vs[0].(plots.AlreadyShown); ok {
			return // a widgets.Interactive: it showed itself
		}
		if _, ok := vs[0].(plots.DisplayID); ok {
			return // the value of plots.Display(…): nothing more to show
		}
		b = plots.Render(vs[0])
	} else {
		b = plots.Render(vs)
	}
	flushStdout()
	send(Event{Op: EvResult, Data: dropEmptyText(b)})
}

// Fail reports an error a cell's last expression returned.
func (host) Fail(err error) {
	flushStdout()
	cellFailed.Store(true)
	name := errorName(err)
	send(Event{Op: EvError, Ename: name, Evalue: err.Error(), Traceback: []string{name + ": " + err.Error()}})
}

// errorName names an error's type for the user: strconv.NumError, or
// "error" for the plain errors of errors.New and fmt.Errorf.
func errorName(err error) string {
	t := reflect.TypeOf(err)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() == "" || t.PkgPath() == "errors" || t.PkgPath() == "fmt" {
		return "error"
	}
	pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
	return pkg + "." + t.Name()
}

// Input asks the kernel for a line of input.
func (host) Input(prompt string, password bool) (string, bool) {
	flushStdout()
	send(Event{Op: EvInputRequest, Text: prompt, Password: password})
	select {
	case c := <-inputs:
		return c.Text, !c.EOF
	case <-rt.Done():
		runtime.Goexit()
	}
	return "", false
}
