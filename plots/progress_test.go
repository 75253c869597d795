package plots

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// countSink counts displays and updates, as the benchmark's fake sink.
type countSink struct {
	displays, updates int
	last              Bundle
}

func (s *countSink) Display(b Bundle, id string, update bool) error {
	if update {
		s.updates++
	} else {
		s.displays++
	}
	s.last = b
	return nil
}
func (s *countSink) Clear(bool) error { return nil }

// fakeClock is advanced by the test loop itself.
type fakeClock struct{ t time.Duration }

func (c *fakeClock) now() time.Duration { return c.t }

func TestProgressUpdateBound(t *testing.T) {
	// A million steps at a simulated 1, 3 and 10 µs each: the display may
	// be redrawn at most 4 times per simulated second, plus the final draw.
	for _, step := range []time.Duration{time.Microsecond, 3 * time.Microsecond, 10 * time.Microsecond} {
		t.Run(step.String(), func(t *testing.T) {
			const n = 1_000_000
			sink, clock := &countSink{}, &fakeClock{}
			p := newProgress(n, "train", sink, clock.now)
			p.start()
			hook := p.Func()
			for i := range n {
				clock.t += step
				hook(i+1, n, nil)
			}
			secs := (n * step).Seconds()
			limit := int(4*secs) + 1
			if sink.displays != 1 || sink.updates > limit {
				t.Errorf("%d displays and %d updates in %.0f s, want 1 and ≤ %d", sink.displays, sink.updates, secs, limit)
			}
			// It must also actually update while running (at ≥ 2/s).
			if sink.updates < int(2*secs) {
				t.Errorf("only %d updates in %.0f s", sink.updates, secs)
			}
			if !strings.Contains(sink.last[MIMEText], "100%") {
				t.Errorf("final state: %s", sink.last[MIMEText])
			}
		})
	}
}

func TestProgressRealClock(t *testing.T) {
	// The same bound with the real clock: a tight loop of 3,000,000 steps.
	sink := &countSink{}
	p := newProgress(0, "loop", sink, nil)
	p.start()
	start := time.Now()
	x := 0.0
	for i := range 3_000_000 {
		x += float64(i) * 1e-9
		p.Add(1)
	}
	p.Done()
	secs := time.Since(start).Seconds()
	if limit := int(4*secs) + 1; sink.updates > limit {
		t.Errorf("%d updates in %.2f s, want ≤ %d (x=%v)", sink.updates, secs, limit, x)
	}
}

func TestProgressText(t *testing.T) {
	// The text sink gets one line per decile: 10 lines for 10%…100%.
	var buf bytes.Buffer
	clock := &fakeClock{}
	p := newProgress(1000, "epochs", &TextSink{W: &buf}, clock.now)
	p.start()
	for range 1000 {
		clock.t += 10 * time.Millisecond
		p.Add(1)
	}
	p.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 10 {
		t.Errorf("%d text lines, want 10:\n%s", len(lines), buf.String())
	}
	last := lines[len(lines)-1]
	// 1000 steps in 10 simulated seconds: 100 it/s.
	want := "epochs: 100%|████████████████████| 1000/1000 [00:10, 100 it/s]"
	if last != want {
		t.Errorf("last line\n got %q\nwant %q", last, want)
	}
}

func TestProgressRender(t *testing.T) {
	clock := &fakeClock{}
	sink := &countSink{}
	p := newProgress(200, "training", sink, clock.now)
	p.start()
	for i := range 90 {
		clock.t += 50 * time.Millisecond
		p.SetMetric("loss", 3/(1+float64(i)/10))
		p.Add(1)
	}
	// 90 steps in 4.5 s (shown rounded, 00:05): 20 it/s, 110 steps left →
	// 5.5 s → 00:06; loss at i=89 is 3/9.9 = 0.30303.
	wantText := "training:  45%|█████████           | 90/200 [00:05<00:06, 20 it/s, loss=0.303]"
	b := p.Render()
	if b[MIMEText] != wantText {
		t.Errorf("text\n got %q\nwant %q", b[MIMEText], wantText)
	}
	golden(t, "progress.golden.html", b[MIMEHTML])
	if !strings.Contains(b[MIMEHTML], "<svg") {
		t.Error("no live chart in the HTML")
	}
	if strings.Count(b[MIMEHTML], "<?xml") != 0 {
		t.Error("inline SVG must not carry an XML prolog")
	}
}

func TestProgressFuncHelpers(t *testing.T) {
	var nilHook ProgressFunc
	nilHook.Report(1, 2, nil) // must not panic
	sink := &countSink{}
	old := SetSink(sink)
	defer SetSink(old)
	hook := SyncProgress(NewProgressFunc("lazy"))
	for i := range 100 {
		hook.Report(i+1, 100, map[string]float64{"acc": float64(i) / 100})
	}
	hook.Report(50, 100, nil) // backwards: ignored
	if sink.displays != 1 || !strings.Contains(sink.last[MIMEText], "100/100") {
		t.Errorf("displays %d, last %q", sink.displays, sink.last[MIMEText])
	}
}

// loopBody stands in for one cheap training step: a 64-dimensional dot
// product (30–40 ns here), the kind of loop the hook is called from. It is
// called, not inlined, so that the three loops below run the very same
// machine code for the step and differ only in the hook; inlined, code
// alignment and register allocation alone moved the loop's time by ±10%.
//
//go:noinline
func loopBody(w, x []float64, i int) float64 {
	s := float64(i & 7)
	for j := range w {
		s += w[j] * x[j]
	}
	return s
}

const benchSteps = 1_000_000

var benchSink float64

func benchVectors() (w, x []float64) {
	w, x = make([]float64, 64), make([]float64, 64)
	for i := range w {
		w[i], x[i] = 1e-3*float64(i), 1e-3*float64(64-i)
	}
	return w, x
}

// runBare, runHook and runReport are kept out of line so that the three
// loops are compiled alike: inlined into the test, the bare loop would see
// the vectors' constant length and drop its bounds checks, and the
// comparison would measure that instead of the hook.
//
//go:noinline
func runBare(w, x []float64, n int) {
	s := 0.0
	for i := range n {
		s += loopBody(w, x, i)
	}
	benchSink = s
}

// runHook runs the loop calling hook with done counted from offset.
//
//go:noinline
func runHook(w, x []float64, hook ProgressFunc, offset, total, n int) {
	s := 0.0
	for i := range n {
		s += loopBody(w, x, i)
		hook(offset+i+1, total, nil)
	}
	benchSink = s
}

// BenchmarkLoopBare is the reference: a million steps without a hook.
func BenchmarkLoopBare(b *testing.B) {
	w, x := benchVectors()
	for b.Loop() {
		runBare(w, x, benchSteps)
	}
}

// BenchmarkLoopProgressFunc is the same loop calling the hook of one
// progress bar every step (b.N million steps in all), with a counting
// sink; it reports the bar's updates per second.
func BenchmarkLoopProgressFunc(b *testing.B) {
	w, x := benchVectors()
	sink := &countSink{}
	total := b.N * benchSteps
	hook := newProgress(total, "bench", sink, nil).Func()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		runHook(w, x, hook, i*benchSteps, total, benchSteps)
	}
	b.ReportMetric(float64(sink.updates)/time.Since(start).Seconds(), "updates/s")
}

// BenchmarkLoopProgressReport calls (*Progress).Report, which inlines.
func BenchmarkLoopProgressReport(b *testing.B) {
	w, x := benchVectors()
	sink := &countSink{}
	total := b.N * benchSteps
	p := newProgress(total, "bench", sink, nil)
	start := time.Now()
	for i := 0; i < b.N; i++ {
		runReport(w, x, p, i*benchSteps, total, benchSteps)
	}
	b.ReportMetric(float64(sink.updates)/time.Since(start).Seconds(), "updates/s")
}

//go:noinline
func runReport(w, x []float64, p *Progress, offset, total, n int) {
	s := 0.0
	for i := range n {
		s += loopBody(w, x, i)
		p.Report(offset+i+1, total, nil)
	}
	benchSink = s
}

// BenchmarkLoopProgressAdd uses Progress.Add, which inlines.
func BenchmarkLoopProgressAdd(b *testing.B) {
	w, x := benchVectors()
	sink := &countSink{}
	for b.Loop() {
		p := newProgress(benchSteps, "bench", sink, nil)
		s := 0.0
		for i := range benchSteps {
			s += loopBody(w, x, i)
			p.Add(1)
		}
		p.Done()
		benchSink = s
	}
}

// emptyHook is a ProgressFunc that does nothing: what any call through a
// Go func value costs, the floor for a hook passed as a ProgressFunc.
var emptyHook ProgressFunc = func(done, total int, metrics map[string]float64) {}

// TestProgressOverhead times the bare loop and the loops with the hook in
// alternation, in short chunks so that each set of timings sees the same
// load on a shared machine, and compares medians of paired ratios with the
// 5% budget. Progress.Report (inlined into the loop) must cost ≤ 5% over
// the bare loop. The ProgressFunc that nlp functions take is an indirect
// call, which by itself costs a few percent of a step this short (measured
// with a do-nothing func value beside it), so the bar's own work through it
// must cost ≤ 5% over that floor. It is timing-dependent, so it runs only
// with LINGO_BENCH=1.
func TestProgressOverhead(t *testing.T) {
	if os.Getenv("LINGO_BENCH") == "" {
		t.Skip("set LINGO_BENCH=1 to measure the progress hook overhead")
	}
	w, x := benchVectors()
	const rounds, chunk = 201, 100_000 // 20.1 M steps per variant, ~5 ms chunks
	total := rounds * chunk
	funcSink, reportSink := &countSink{}, &countSink{}
	fp := newProgress(total, "func", funcSink, nil)
	hook := fp.Func()
	p := newProgress(total, "report", reportSink, nil)
	const variants = 4 // bare, ProgressFunc, Progress.Report, empty func value
	var times, ratios [variants][]float64
	var funcOverEmpty []float64
	start := time.Now()
	for r := range rounds {
		// Rotate the order each round: the first run of a round is
		// systematically slower or faster on a busy machine.
		var d [variants]float64
		for k := range variants {
			c := (r + k) % variants
			t0 := time.Now()
			switch c {
			case 0:
				runBare(w, x, chunk)
			case 1:
				runHook(w, x, hook, r*chunk, total, chunk)
			case 2:
				runReport(w, x, p, r*chunk, total, chunk)
			case 3:
				runHook(w, x, emptyHook, r*chunk, total, chunk)
			}
			d[c] = float64(time.Since(t0)) / chunk
		}
		for c := range variants {
			times[c] = append(times[c], d[c])
			ratios[c] = append(ratios[c], d[c]/d[0])
		}
		funcOverEmpty = append(funcOverEmpty, d[1]/d[3])
	}
	secs := time.Since(start).Seconds()
	// Throttled updates are ≥ 250 ms apart; Done adds one final update
	// at the end, which is not part of the rate.
	fu, ru := float64(funcSink.updates-1)/secs, float64(reportSink.updates-1)/secs
	t.Logf("%d interleaved rounds of %d steps, medians (ns/step, paired ratio to bare): bare %.2f; "+
		"Progress.Report %.2f (%.3f); ProgressFunc %.2f (%.3f); do-nothing func value %.2f (%.3f); "+
		"ProgressFunc / do-nothing func value %.3f; updates/s %.2f and %.2f over %.1f s",
		rounds, chunk, median(times[0]), median(times[2]), median(ratios[2]), median(times[1]), median(ratios[1]),
		median(times[3]), median(ratios[3]), median(funcOverEmpty), fu, ru, secs)
	if !fp.finished || !p.finished {
		t.Errorf("bars not finished after %d of %d steps", total, total)
	}
	if m := median(ratios[2]); m > 1.05 {
		t.Errorf("Progress.Report overhead %.1f%% > 5%%", 100*(m-1))
	}
	if m := median(funcOverEmpty); m > 1.05 {
		t.Errorf("ProgressFunc costs %.1f%% more than a do-nothing func value (> 5%%)", 100*(m-1))
	}
	if fu > 4 || ru > 4 {
		t.Errorf("updates/s %.2f, %.2f > 4", fu, ru)
	}
}

func median(x []float64) float64 {
	s := append([]float64(nil), x...)
	slices.Sort(s)
	return s[len(s)/2]
}
