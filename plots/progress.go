package plots

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
)

// ProgressFunc is a progress hook as a plain func value, for code that wants
// to plug in its own callback. Lingo's training loops take an optional
// *Progress instead, whose Report method inlines (see Progress.Report); both
// are called after each step with the number of steps done so far, the
// total (≤ 0 if unknown) and optionally the current metrics, such as
// {"loss": 2.31}:
//
//	for i := range steps {
//		…
//		hook.Report(i+1, steps, nil) // nil-safe for both
//	}
//
// Contract for callers: metrics may be nil; a non-nil map is read during
// the call and at the hook's next check, so a caller may reuse one map and
// overwrite its values each step, but must not mutate it concurrently.
// Calls must come from one goroutine at a time (wrap with SyncProgress for
// parallel workers).
//
// Contract for implementations: the call happens every step, so it must
// cost a few nanoseconds; the Progress hook checks the clock only every
// few thousand calls (adaptively, about every 20 ms) and redraws at most 4
// times a second. A call with done ≥ total > 0 finishes the progress bar.
type ProgressFunc func(done, total int, metrics map[string]float64)

// Report calls f if it is not nil, so library code can hold an optional
// hook in a config struct and call it unconditionally.
func (f ProgressFunc) Report(done, total int, metrics map[string]float64) {
	if f != nil {
		f(done, total, metrics)
	}
}

// SyncProgress wraps f so that concurrent calls are serialised and done
// only moves forward.
func SyncProgress(f ProgressFunc) ProgressFunc {
	if f == nil {
		return nil
	}
	var mu sync.Mutex
	last := 0
	return func(done, total int, metrics map[string]float64) {
		mu.Lock()
		if done >= last {
			last = done
			f(done, total, metrics)
		}
		mu.Unlock()
	}
}

// NewProgressFunc returns a hook that shows a progress bar labelled label,
// created at the first call (when the total is known).
func NewProgressFunc(label string) ProgressFunc {
	var p *Progress
	return func(done, total int, metrics map[string]float64) {
		if p == nil {
			p = NewProgress(total, label)
		}
		p.report(done, total, metrics)
	}
}

// Timing of Progress: the clock is read about every checkInterval, the
// display is redrawn at most every updateInterval.
const (
	checkInterval  = 20 * time.Millisecond
	updateInterval = 250 * time.Millisecond
	maxStride      = 1 << 20
	maxHistory     = 1000 // points kept per metric for the live chart
)

// A Progress is a tqdm-like progress bar with rate and ETA and, when
// metrics are reported, a live line chart of them. It updates one display in
// place (Display once, then Update) at most 4 times a second. With the
// plain text sink (or HTMLSink) it prints a line every 10% instead.
//
// A Progress is not safe for concurrent use.
type Progress struct {
	Label string
	total int
	n     int
	next  int // n at which the clock is read next
	// metrics is the caller's latest metrics map (see ProgressFunc).
	metrics map[string]float64
	own     map[string]float64

	now                 func() time.Duration // since start; replaced in tests
	startTime           time.Time
	lastCheck, lastDraw time.Duration
	lastCheckN          int
	elapsed             time.Duration // at the last check
	id                  string
	sink                Sink
	text                bool // sparse text lines instead of in-place updates
	lastTextDecile      int
	finished            bool
	names               []string
	history             map[string][]float64 // x, y interleaved
	updates             int
}

var _ Renderer = (*Progress)(nil)

// NewProgress shows a progress bar for total steps (≤ 0 if unknown) and
// returns it. Call Add or Set as work proceeds and Done at the end.
func NewProgress(total int, label string) *Progress {
	p := newProgress(total, label, CurrentSink(), nil)
	p.start()
	return p
}

func newProgress(total int, label string, s Sink, clock func() time.Duration) *Progress {
	p := &Progress{Label: label, total: total, next: 1, sink: s, now: clock, history: map[string][]float64{}}
	if p.now == nil {
		p.startTime = time.Now()
		p.now = func() time.Duration { return time.Since(p.startTime) }
	}
	switch s.(type) {
	case *TextSink, *HTMLSink: // sinks that append rather than replace
		p.text = true
	}
	p.id = NewDisplayID()
	return p
}

func (p *Progress) start() {
	if !p.text {
		p.show(false)
	}
}

// Add advances the bar by k steps. It costs a counter increment and a
// comparison except every few thousand calls.
func (p *Progress) Add(k int) {
	p.n += k
	if p.n >= p.next {
		p.check()
	}
}

// Set sets the number of steps done.
func (p *Progress) Set(done int) {
	p.n = done
	if p.n >= p.next {
		p.check()
	}
}

// SetMetric records a metric (for example the loss) shown beside the bar
// and in the live chart.
func (p *Progress) SetMetric(name string, v float64) {
	if p.own == nil {
		p.own = map[string]float64{}
	}
	p.own[name] = v
	p.metrics = p.own
}

// Report is the fastest hook for hot loops: library code can hold an
// optional *Progress (nil means no display) and call Report every step. It
// inlines to a nil check, a store and a comparison (about 1 ns, no call),
// whereas calling a ProgressFunc costs an indirect call (about 3–5 ns, and
// the loop's registers are spilled around it). total and metrics are read
// only when the clock is checked; see ProgressFunc for their contract.
// docs/benchmarks.md has the measured overhead (TestProgressOverhead).
func (p *Progress) Report(done, total int, metrics map[string]float64) {
	if p != nil {
		p.n = done
		if done >= p.next {
			p.total, p.metrics = total, metrics
			p.check()
		}
	}
}

// Func returns the ProgressFunc that drives p.
func (p *Progress) Func() ProgressFunc { return p.report }

// report is the hook: one store and one comparison per call; total and
// metrics are only read when the clock is checked.
func (p *Progress) report(done, total int, metrics map[string]float64) {
	p.n = done
	if done >= p.next {
		p.total, p.metrics = total, metrics
		p.check()
	}
}

// check is the slow path: read the clock, adapt the stride, sample the
// metrics and redraw if the last drawing is old enough.
func (p *Progress) check() {
	if p.finished {
		p.next = math.MaxInt
		return
	}
	t := p.now()
	stride := 1
	if dt := t - p.lastCheck; dt > 0 && p.n > p.lastCheckN {
		// Steps per checkInterval at the rate since the last check.
		stride = int(float64(p.n-p.lastCheckN) * float64(checkInterval) / float64(dt))
	} else if p.n > p.lastCheckN {
		stride = 2 * (p.n - p.lastCheckN)
	}
	stride = min(max(stride, 1), maxStride)
	p.lastCheck, p.lastCheckN, p.elapsed = t, p.n, t
	p.next = p.n + stride
	if p.total > 0 && p.n < p.total {
		p.next = min(p.next, p.total) // never step over the end
	}
	p.sample()
	if p.total > 0 && p.n >= p.total {
		p.Done()
		return
	}
	if t-p.lastDraw >= updateInterval {
		p.lastDraw = t
		p.show(true)
	}
}

// sample appends the current metrics to the history.
func (p *Progress) sample() {
	if len(p.metrics) == 0 {
		return
	}
	var fresh []string
	for k, v := range p.metrics {
		h, ok := p.history[k]
		if !ok {
			fresh = append(fresh, k)
		}
		if len(h) >= 2*maxHistory {
			// Keep every other point: the curve keeps its shape.
			k2 := 0
			for i := 0; i < len(h); i += 4 {
				h[k2], h[k2+1] = h[i], h[i+1]
				k2 += 2
			}
			h = h[:k2]
		}
		p.history[k] = append(h, float64(p.n), v)
	}
	slices.Sort(fresh)
	p.names = append(p.names, fresh...)
}

// Done draws the final state. Further calls do nothing.
func (p *Progress) Done() {
	if p.finished {
		return
	}
	p.elapsed = p.now()
	p.finished = true
	p.next = math.MaxInt
	p.show(true)
}

// show sends the current state to the sink.
func (p *Progress) show(update bool) {
	if p.text {
		// Sparse lines: one per decile of a known total, and the last one.
		d := 0
		if p.total > 0 {
			d = 10 * p.n / p.total
		}
		if !p.finished && (p.total <= 0 || d <= p.lastTextDecile) {
			return
		}
		p.lastTextDecile = d
	}
	p.updates++
	if err := p.sink.Display(p.Render(), p.id, update); err != nil && !p.text {
		p.text = true // a failing rich sink: fall back to sparse lines
	}
}

// fmtDuration formats d as m:ss or h:mm:ss, like tqdm.
func fmtDuration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// status is the "450/1000 [00:03<00:04, 150.2 it/s]" part.
func (p *Progress) status() string {
	var sb strings.Builder
	if p.total > 0 {
		fmt.Fprintf(&sb, "%d/%d", p.n, p.total)
	} else {
		fmt.Fprintf(&sb, "%d", p.n)
	}
	elapsed := p.elapsed
	if !p.finished {
		elapsed = p.now()
	}
	sec := elapsed.Seconds()
	sb.WriteString(" [" + fmtDuration(elapsed))
	if sec > 0 {
		rate := float64(p.n) / sec
		if p.total > 0 && !p.finished && rate > 0 {
			sb.WriteString("<" + fmtDuration(time.Duration(float64(p.total-p.n)/rate*float64(time.Second))))
		}
		if rate >= 1 || rate == 0 {
			fmt.Fprintf(&sb, ", %s it/s", FormatNumber(math.Round(rate*10)/10))
		} else {
			fmt.Fprintf(&sb, ", %s s/it", FormatNumber(math.Round(10/rate)/10))
		}
	}
	for _, k := range p.names {
		if v, ok := p.metrics[k]; ok {
			fmt.Fprintf(&sb, ", %s=%s", k, FormatNumber(v))
		} else if h := p.history[k]; len(h) > 0 {
			fmt.Fprintf(&sb, ", %s=%s", k, FormatNumber(h[len(h)-1]))
		}
	}
	sb.WriteString("]")
	return sb.String()
}

func (p *Progress) fraction() float64 {
	if p.total <= 0 {
		return 0
	}
	return min(1, float64(p.n)/float64(p.total))
}

// Render shows the bar (and the metrics chart) as HTML and as one line of
// text.
func (p *Progress) Render() Bundle {
	label := p.Label
	if label != "" {
		label += ": "
	}
	f := p.fraction()
	txt := label
	if p.total > 0 {
		txt += fmt.Sprintf("%3.0f%%|%s| ", 100*f, pad(textBar(f, 20), 20, false))
	}
	txt += p.status()
	var sb strings.Builder
	sb.WriteString(`<div class="lingo-progress" style="font:13px/1.6 system-ui,sans-serif">`)
	sb.WriteString(esc(label))
	if p.total > 0 {
		color := "#4c78a8"
		if p.finished && p.n >= p.total {
			color = "#54a24b"
		}
		fmt.Fprintf(&sb, `%.0f%% <span style="display:inline-block;width:300px;height:10px;background:#e8e8e8;border-radius:3px;vertical-align:middle">`+
			`<span style="display:block;width:%.1f%%;height:100%%;background:%s;border-radius:3px"></span></span> `, 100*f, 100*f, color)
	}
	sb.WriteString(esc(p.status()))
	if len(p.names) > 0 {
		if svg := p.chartSVG(); svg != "" {
			sb.WriteString("<div>" + svg + "</div>")
		}
	}
	sb.WriteString("</div>")
	return Bundle{MIMEHTML: sb.String(), MIMEText: txt}
}

// chartSVG draws the metric history as an inline SVG (without the XML
// prolog, so it can sit inside HTML): one small panel per metric, side by
// side up to three in a row, since metrics rarely share a unit (a loss and
// a perplexity, a reward and a KL divergence).
func (p *Progress) chartSVG() string {
	var charts []*LineChart
	for _, k := range p.names {
		h := p.history[k]
		x, y := make([]float64, len(h)/2), make([]float64, len(h)/2)
		for i := range x {
			x[i], y[i] = h[2*i], h[2*i+1]
		}
		c := &LineChart{ChartOptions: ChartOptions{XLabel: "step", YLabel: k}}
		c.AddXY(k, x, y)
		charts = append(charts, c)
	}
	cols := min(len(charts), 3)
	rows := (len(charts) + cols - 1) / cols
	ps := &Panels{ChartOptions: ChartOptions{Width: 320 * cols, Height: 200 * rows}, Charts: charts, Columns: cols}
	var buf bytes.Buffer
	if _, err := ps.WriteTo(&buf); err != nil {
		return ""
	}
	s := buf.String()
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return s
}
