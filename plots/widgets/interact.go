package widgets

import (
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

// Options configures InteractWith. The zero value re-runs the function at
// once on a change, and merges the changes that come within 25 ms of a run
// (a slider being dragged) into one more run.
type Options struct {
	// RunButton, if not empty, adds a button with this label, and the
	// function re-runs only when it is clicked, not on every change: for
	// slow functions such as training.
	RunButton string
	// Debounce spaces the runs of the function: a change that comes less
	// than Debounce after the start of the last run waits until then, and
	// the changes meanwhile are merged into one run. Zero means 25 ms;
	// negative values are an error (see Validate).
	Debounce time.Duration
	// Lazy skips the first run when Interact is called; the result area
	// stays empty until a change or a click.
	Lazy bool
}

// Interactive is a function shown with its controls: Interact's result.
type Interactive struct {
	f        reflect.Value
	in       []reflect.Type
	passID   bool
	controls []Control
	opts     Options
	err      error // invalid options: shown instead of f's result, and f never runs
	box      *Box
	button   *Button
	id       plots.DisplayID

	runMu sync.Mutex // one run of f at a time

	mu      sync.Mutex
	cond    *sync.Cond
	timer   *time.Timer
	lastRun time.Time // when the last run of f began
	running bool
	pending bool
	closed  bool
	runs    int
	last    any
}

var displayIDType = reflect.TypeOf(plots.DisplayID(""))

// Interact shows controls and, below them, the result of f called with
// their values; whenever a value changes f runs again and its result
// replaces the previous one in place (an update_display_data message), so
// the plot below a slider follows the slider. Runs never overlap: changes
// that come while f runs lead to one more run, with the newest values.
//
// f takes one argument per control, in order, of the control's value type
// (or a type it converts to: a float32 for a FloatSlider, say), and
// returns nothing, one value to show, or a value and an error. If its
// first argument is a plots.DisplayID it receives the id of its result
// area and may redraw it while it runs (plots.Update(id, chart)), for a
// live loss curve. Interact panics if f does not fit the controls: that is
// a mistake in the code, not in its input.
//
// Without a front end (lingo run, a test) f runs once, at once, so the
// notebook's output holds its result.
func Interact(f any, controls ...Control) *Interactive {
	return InteractWith(Options{}, f, controls...)
}

// Validate returns an error if Debounce is negative.
func (o Options) Validate() error {
	if o.Debounce < 0 {
		return fmt.Errorf("widgets: Options.Debounce must be ≥ 0 (0: 25ms), got %v", o.Debounce)
	}
	return nil
}

// InteractWith is Interact with options. Invalid options (see
// Options.Validate) are shown where f's result would be, and f never runs.
func InteractWith(opts Options, f any, controls ...Control) *Interactive {
	err := opts.Validate()
	if opts.Debounce <= 0 {
		opts.Debounce = 25 * time.Millisecond
	}
	ia := &Interactive{f: reflect.ValueOf(f), controls: controls, opts: opts, err: err}
	ia.cond = sync.NewCond(&ia.mu)
	ia.check()
	ws := make([]Widget, 0, len(controls)+1)
	for _, c := range controls {
		ws = append(ws, c)
	}
	if opts.RunButton != "" {
		ia.button = NewButton(opts.RunButton)
		ia.button.OnClick(ia.changed)
		ws = append(ws, ia.button)
	} else {
		for _, c := range controls {
			c.notify(ia.changed)
		}
	}
	ia.box = VBox(ws...)
	ia.box.m.mu.Lock()
	ia.box.m.closed = ia.stop
	ia.box.m.mu.Unlock()
	plots.Display(ia.box)
	ia.id = plots.DisplayID(plots.NewDisplayID())
	var first any = plots.Bundle{plots.MIMEText: ""}
	if !opts.Lazy && !ia.passID {
		first = ia.call()
		ia.runs, ia.last = 1, first
	}
	if err := plots.CurrentSink().Display(plots.Render(first), string(ia.id), false); err != nil {
		fmt.Println("widgets:", err)
	}
	if !opts.Lazy && ia.passID {
		ia.Run()
	}
	return ia
}

// check panics if f does not fit the controls.
func (ia *Interactive) check() {
	t := ia.f.Type()
	if ia.f.Kind() != reflect.Func {
		panic(fmt.Sprintf("widgets: Interact needs a function, got %T", ia.f.Interface()))
	}
	n := t.NumIn()
	if n > 0 && t.In(0) == displayIDType {
		ia.passID = true
	}
	args := n
	if ia.passID {
		args--
	}
	if args != len(ia.controls) || t.IsVariadic() {
		panic(fmt.Sprintf("widgets: Interact: the function takes %d values, but %d controls were given", args, len(ia.controls)))
	}
	for i, c := range ia.controls {
		pt := t.In(i + n - args)
		vt := reflect.TypeOf(c.current())
		if !fits(vt, pt) {
			panic(fmt.Sprintf("widgets: Interact: argument %d is a %v but control %d gives a %v", i+1, pt, i+1, vt))
		}
		ia.in = append(ia.in, pt)
	}
	switch t.NumOut() {
	case 0, 1:
	case 2:
		if !t.Out(1).Implements(reflect.TypeOf((*error)(nil)).Elem()) {
			panic("widgets: Interact: a function with two results must return (value, error)")
		}
	default:
		panic("widgets: Interact: the function must return nothing, a value, or a value and an error")
	}
}

// fits reports whether a control's value of type vt can be passed as a
// parameter of type pt: it is assignable, or both are numbers, or pt is a
// named type of the same kind.
func fits(vt, pt reflect.Type) bool {
	numeric := func(t reflect.Type) bool { return t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64 }
	return vt.AssignableTo(pt) || (numeric(vt) && numeric(pt)) || (vt.Kind() == pt.Kind() && vt.ConvertibleTo(pt))
}

// call runs f with the controls' values and returns what to show.
func (ia *Interactive) call() (shown any) {
	if ia.err != nil {
		return ia.err
	}
	var args []reflect.Value
	if ia.passID {
		args = append(args, reflect.ValueOf(ia.id))
	}
	for i, c := range ia.controls {
		v := reflect.ValueOf(c.current())
		if !v.Type().AssignableTo(ia.in[i]) {
			v = v.Convert(ia.in[i])
		}
		args = append(args, v)
	}
	defer func() {
		if r := recover(); r != nil {
			shown = fmt.Errorf("panic: %v", r)
		}
	}()
	out := ia.f.Call(args)
	switch len(out) {
	case 0:
		return nil
	case 2:
		if err, _ := out[1].Interface().(error); err != nil {
			return err
		}
	}
	return out[0].Interface()
}

// Run runs f now with the controls' current values and shows its result,
// waiting for a run under way to end first. It is how code without a
// front end changes a value and sees the effect.
func (ia *Interactive) Run() {
	ia.runMu.Lock()
	defer ia.runMu.Unlock()
	ia.mu.Lock()
	ia.lastRun = time.Now()
	ia.mu.Unlock()
	v := ia.call()
	ia.mu.Lock()
	ia.runs++
	ia.last = v
	ia.mu.Unlock()
	if !ia.passID {
		plots.Update(ia.id, v)
	}
}

// changed schedules a run: at once after a quiet spell, else when the
// debounce since the last run is over or when the run under way ends. It
// is called on the goroutine that reports a change and does not block.
func (ia *Interactive) changed() {
	ia.mu.Lock()
	defer ia.mu.Unlock()
	switch {
	case ia.closed || ia.timer != nil:
	case ia.running:
		ia.pending = true
		ia.cond.Broadcast()
	default:
		if wait := ia.opts.Debounce - time.Since(ia.lastRun); wait > 0 {
			ia.timer = time.AfterFunc(wait, ia.fire)
			return
		}
		ia.running = true
		go ia.loop()
	}
}

func (ia *Interactive) fire() {
	ia.mu.Lock()
	ia.timer = nil
	if ia.running {
		ia.pending = true
		ia.cond.Broadcast()
		ia.mu.Unlock()
		return
	}
	ia.running = true
	ia.mu.Unlock()
	ia.loop()
}

// loop runs f until no change is pending. It ends early if f's goroutine
// is ended (an interrupt), and then starts again if a change is pending.
func (ia *Interactive) loop() {
	defer func() {
		ia.mu.Lock()
		ia.running = false
		if ia.pending && !ia.closed {
			ia.pending = false
			ia.running = true
			go ia.loop()
		}
		ia.cond.Broadcast()
		ia.mu.Unlock()
	}()
	for {
		ia.Run()
		ia.mu.Lock()
		if !ia.pending || ia.closed {
			ia.mu.Unlock()
			return
		}
		ia.pending = false
		ia.mu.Unlock()
	}
}

// Wait blocks until no run is scheduled or under way.
func (ia *Interactive) Wait() {
	ia.mu.Lock()
	defer ia.mu.Unlock()
	for ia.running || ia.pending || ia.timer != nil {
		ia.cond.Wait()
	}
}

// Runs returns how many times f has run.
func (ia *Interactive) Runs() int {
	ia.mu.Lock()
	defer ia.mu.Unlock()
	return ia.runs
}

// Result returns what the last run of f returned (its error if it failed).
func (ia *Interactive) Result() any {
	ia.mu.Lock()
	defer ia.mu.Unlock()
	return ia.last
}

// DisplayID returns the id of the result area.
func (ia *Interactive) DisplayID() plots.DisplayID { return ia.id }

// Controls returns the box that holds the controls (and the run button).
func (ia *Interactive) Controls() *Box { return ia.box }

// Button returns the run button, or nil without Options.RunButton.
func (ia *Interactive) Button() *Button { return ia.button }

// Close removes the controls' box and stops re-running f; the controls
// themselves stay open.
func (ia *Interactive) Close() {
	ia.stop()
	ia.box.Close()
	if ia.button != nil {
		ia.button.Close()
	}
}

func (ia *Interactive) stop() {
	ia.mu.Lock()
	defer ia.mu.Unlock()
	ia.closed = true
	if ia.timer != nil {
		ia.timer.Stop()
		ia.timer = nil
	}
	ia.pending = false
	ia.cond.Broadcast()
}

// AlreadyShown marks an Interactive as shown when it was made: as the
// value of a cell it shows nothing more.
func (ia *Interactive) AlreadyShown() {}
