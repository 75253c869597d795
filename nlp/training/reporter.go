package training

import "github.com/lingo-nlp/lingo/plots"

// A Reporter is told how a run is going after every step: the steps done,
// the total, and the latest metrics ("loss" and, after the first
// evaluation, the held-out ones). The map is reused from call to call;
// a Reporter that keeps values must copy them. A *plots.Progress is a
// Reporter (a live bar with a chart of the metrics), and so is a
// plots.ProgressFunc.
//
// When a run ends before its last step (early stopping, an interrupt, an
// error) Run also calls the Reporter's Done method, if it has one, so
// that a progress bar shows where it stopped.
type Reporter interface {
	Report(done, total int, metrics map[string]float64)
}

var (
	_ Reporter = (*plots.Progress)(nil)
	_ Reporter = plots.ProgressFunc(nil)
)

// done finishes r's display after a run that stopped early.
func done(r Reporter) {
	if d, ok := r.(interface{ Done() }); ok {
		d.Done()
	}
}
