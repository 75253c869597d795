package widgets

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

func TestInteractRedrawsInPlace(t *testing.T) {
	for _, p := range protocols {
		t.Run("protocol"+p.String(), func(t *testing.T) {
			w := session(t, p)
			k := NewIntSlider(Int{Label: "k", Min: 1, Max: 10, Value: 3})
			runs := make(chan int, 16)
			ia := Interact(func(k int) string {
				runs <- k
				return strings.Repeat("*", k)
			}, k)
			defer ia.Close()
			if v := <-runs; v != 3 {
				t.Fatalf("first run with %d, want 3", v)
			}
			ds := w.takeDisplays()
			if len(ds) != 2 || ds[0].b[ViewMIME] == "" || ds[1].b[plots.MIMEText] != "***" || ds[1].id == "" || ds[1].update {
				t.Fatalf("Interact displayed %+v, want the controls' view and then the result ***", ds)
			}
			id := ds[1].id
			w.send(k.ModelID(), frontendUpdate(p, map[string]any{"value": 5}))
			if v := <-runs; v != 5 {
				t.Errorf("re-run with %d, want 5", v)
			}
			ia.Wait()
			ds = w.takeDisplays()
			if len(ds) != 1 || !ds[0].update || ds[0].id != id || ds[0].b[plots.MIMEText] != "*****" {
				t.Errorf("after the change: %+v, want one update of display %s to *****", ds, id)
			}
			if ia.Runs() != 2 || ia.Result() != "*****" {
				t.Errorf("Runs() = %d, Result() = %v", ia.Runs(), ia.Result())
			}
		})
	}
}

// TestInteractMergesChanges moves a slider five times while the function
// is busy: it runs again once or twice, not five times, and its last run
// sees the last value.
func TestInteractMergesChanges(t *testing.T) {
	w := session(t, Protocol2)
	k := NewIntSlider(Int{Max: 100})
	gate := make(chan struct{})
	runs := make(chan int, 16)
	var blocking atomic.Bool
	ia := Interact(func(k int) int {
		runs <- k
		if blocking.Load() {
			<-gate
		}
		return k
	}, k)
	defer ia.Close()
	<-runs
	blocking.Store(true)
	w.send(k.ModelID(), frontendUpdate(Protocol2, map[string]any{"value": 1}))
	if v := <-runs; v != 1 {
		t.Fatalf("run with %d, want 1", v)
	}
	for v := 2; v <= 6; v++ { // while that run is blocked
		w.send(k.ModelID(), frontendUpdate(Protocol2, map[string]any{"value": v}))
	}
	w.take() // every change is in the slider's state
	ia.mu.Lock()
	for !ia.pending { // and the next run is scheduled
		ia.cond.Wait()
	}
	ia.mu.Unlock()
	blocking.Store(false)
	close(gate)
	ia.Wait()
	last, extra := 0, 0
	for len(runs) > 0 {
		last = <-runs
		extra++
	}
	if last != 6 || extra < 1 || extra > 2 {
		t.Errorf("after five changes during a run: %d more runs, the last with %d; want 1 or 2, the last with 6", extra, last)
	}
}

func TestInteractRunButton(t *testing.T) {
	w := session(t, Protocol2)
	epochs := NewIntSlider(Int{Min: 1, Max: 20, Value: 2})
	lr := NewFloatSlider(Float{Min: 1e-4, Max: 1, Value: 0.01, Log: true})
	runs := make(chan string, 8)
	ia := InteractWith(Options{RunButton: "Train"}, func(id plots.DisplayID, epochs int, lr float64) {
		for e := 1; e <= epochs; e++ {
			plots.Update(id, fmt.Sprintf("epoch %d", e)) // a live curve would redraw here
		}
		runs <- fmt.Sprintf("%d %.3g", epochs, lr)
	}, epochs, lr)
	defer ia.Close()
	if r := <-runs; r != "2 0.01" {
		t.Errorf("first run %q", r)
	}
	w.send(epochs.ModelID(), frontendUpdate(Protocol2, map[string]any{"value": 3}))
	w.take()
	select {
	case r := <-runs:
		t.Errorf("a slider change ran the function (%q) though it has a run button", r)
	default:
	}
	w.send(ia.Button().ModelID(), map[string]any{"method": "custom", "content": map[string]any{"event": "click"}})
	if r := <-runs; r != "3 0.01" {
		t.Errorf("run after the click %q, want 3 epochs", r)
	}
	ia.Wait()
	ds := w.takeDisplays()
	last := ds[len(ds)-1]
	if !last.update || last.b[plots.MIMEText] != "epoch 3" {
		t.Errorf("last display %+v, want the update to epoch 3", last)
	}
}

func TestInteractErrorsAndMistakes(t *testing.T) {
	session(t, Protocol2)
	k := NewIntSlider(Int{})
	ia := Interact(func(k int) (string, error) { return "", errors.New("no model yet") }, k)
	if err, _ := ia.Result().(error); ia.Runs() != 0 && (err == nil || err.Error() != "no model yet") {
		t.Errorf("Result() = %v", ia.Result())
	}
	ia.Close()
	ia = Interact(func(k int) string { panic("boom") }, k)
	ia.Run()
	if err, _ := ia.Result().(error); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("a panicking function: Result() = %v, want the panic as an error", ia.Result())
	}
	ia.Close()
	for name, f := range map[string]any{
		"not a func":       42,
		"too few params":   func() string { return "" },
		"wrong param type": func(s string) string { return s },
		"three results":    func(int) (int, int, int) { return 0, 0, 0 },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: Interact did not panic", name)
				} else if !strings.HasPrefix(fmt.Sprint(r), "widgets: ") {
					t.Errorf("%s: panic %q lacks the package prefix", name, r)
				}
			}()
			Interact(f, k)
		}()
	}
	// A float32 argument takes a FloatSlider's float64.
	Interact(func(x float32) float32 { return x }, NewFloatSlider(Float{Value: 2})).Close()
	k.Close()
}
