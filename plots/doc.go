// Package plots is Lingo's rich display layer: MIME bundles, the Renderer
// interface a value implements to show itself, the sinks that carry bundles
// to wherever they are shown, and the renderers the lessons use.
//
// # Bundles and sinks
//
// A Bundle maps MIME types to data; text/plain is always present so every
// display has a readable fallback. Render turns any value into a bundle: a
// Renderer renders itself, *plot.Plot becomes SVG, mat.Matrix an HTML
// table, image.Image PNG, and long slices and maps print a short summary.
// Display shows a value and returns a display id; Update(id, v) replaces
// that display in place. Inside the Lingo kernel the worker installs a sink
// that sends Jupyter display_data / update_display_data; under GoNB
// (GONB_PIPE set) GoNBSink speaks GoNB's named-pipe protocol; otherwise
// TextSink prints text/plain, and HTMLSink writes an HTML page on request.
//
// # Renderers
//
// Every renderer produces self-contained HTML or SVG (no network, no CDN)
// plus a text/plain form:
//
//   - Table: rows or a slice of structs, alignment, number formats, inline
//     bars, a header that sorts on click, "… N more rows".
//   - LineChart (several series, log axes), BarChart, Histogram, Scatter
//     (labels, colour groups), Heatmap (row/column labels, colour bar):
//     gonum/plot drawn to SVG, or PNG with ChartOptions.PNG.
//   - Tree (hypernym chains), HighlightedText (tokens coloured by
//     probability or surprisal, alternatives on hover), Chat transcripts.
//   - Progress: a tqdm-like bar with rate, ETA and a live metric chart,
//     redrawn in place at most 4 times a second. Library training loops
//     take an optional *Progress and call its Report every step (inlined:
//     +1.5% on a 39 ns step); ProgressFunc wraps any func value as a hook
//     for callers who want their own callback (+7%, the cost of any
//     indirect call).
//
// Usage:
//
//	id := plots.Display(plots.NewTable("word", "p").Row("company", 0.153).Bar("p"))
//	plots.Update(id, newerTable)
//	p := plots.NewProgress(len(batches), "training")
//	for _, b := range batches { loss := step(b); p.SetMetric("loss", loss); p.Add(1) }
//	p.Done()
package plots
