package widgets

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
)

// watch delivers a control's changes to its callbacks and channels.
// Callbacks run one at a time on a goroutine of their own, never on the
// goroutine that reads the front end's messages, so a slow callback delays
// only itself; changes that arrive while callbacks run are merged, and
// the callbacks then run once more with the newest value. Channels hold
// the newest value not yet received.
type watch[T any] struct {
	value func() T

	mu      sync.Mutex
	hooks   []func() // called at once, on the goroutine that reports the change
	funcs   []func(T)
	chans   []chan T
	running bool
	pending bool
	done    bool
}

// add registers a callback.
func (w *watch[T]) add(f func(T)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.funcs = append(w.funcs, f)
}

// hook registers a function called at once after each change, on the
// goroutine that reports it; it must not block (Interact's scheduling).
func (w *watch[T]) hook(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hooks = append(w.hooks, f)
}

// channel returns a new channel that receives the newest value after each
// change; it is closed when the control closes.
func (w *watch[T]) channel() <-chan T {
	ch := make(chan T, 1)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		close(ch)
		return ch
	}
	w.chans = append(w.chans, ch)
	return ch
}

// fire reports a change.
func (w *watch[T]) fire() {
	v := w.value()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return
	}
	if len(w.hooks) > 0 {
		hooks := append([]func(){}, w.hooks...)
		w.mu.Unlock()
		for _, h := range hooks {
			h()
		}
		w.mu.Lock()
		if w.done {
			return
		}
	}
	for _, ch := range w.chans {
		select { // replace a value nobody has received yet
		case <-ch:
		default:
		}
		ch <- v
	}
	if len(w.funcs) == 0 {
		return
	}
	if w.running {
		w.pending = true
		return
	}
	w.running = true
	go w.run()
}

// run calls the callbacks until no change is pending. A callback that
// panics is reported on standard error; one that ends its goroutine
// (runtime.Goexit, which an interrupt does to cell code) stops this round.
func (w *watch[T]) run() {
	defer func() {
		w.mu.Lock()
		w.running = false
		again := w.pending && !w.done
		w.pending = false
		if again {
			w.running = true
			go w.run()
		}
		w.mu.Unlock()
	}()
	for {
		v := w.value()
		w.mu.Lock()
		fs := append([]func(T){}, w.funcs...)
		w.pending = false
		w.mu.Unlock()
		for _, f := range fs {
			call(func() { f(v) })
		}
		w.mu.Lock()
		if !w.pending || w.done {
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
	}
}

// stop closes the channels; callbacks are not called again.
func (w *watch[T]) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return
	}
	w.done = true
	for _, ch := range w.chans {
		close(ch)
	}
}

// call runs a user callback, reporting a panic on standard error (which
// the kernel shows) instead of letting it end the process.
func call(f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "widgets: callback panicked: %v\n%s", r, debug.Stack())
		}
	}()
	f()
}
