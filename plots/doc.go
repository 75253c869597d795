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
// plus a text/plain form; every chart also carries a PNG of itself, which
// Jupyter shows where it will not show SVG (an untrusted notebook):
//
//   - Table: rows or a slice of structs, alignment, number formats, inline
//     bars, a header that sorts on click, "… N more rows".
//   - LineChart (several series, log axes, shares in percent), BarChart,
//     Histogram, Scatter (labels placed without collisions, colour groups),
//     Heatmap (row/column labels, colour bar), and Panels, line charts with
//     different units stacked with one y axis each: gonum/plot drawn to SVG
//     and PNG, or PNG alone with ChartOptions.PNG.
//   - Tree (hypernym chains), HighlightedText (tokens coloured by
//     probability or surprisal, alternatives on hover), Chat transcripts.
//   - Progress: a tqdm-like bar with rate, ETA and a live chart, one panel
//     per metric, redrawn in place at most 4 times a second. Library
//     training loops take an optional *Progress and call its Report every
//     step (it inlines); ProgressFunc wraps any func value as a hook for
//     callers who want their own callback.
//
// Charts read at a glance: a legend goes to a corner of the plot that no
// data crosses, or beside it; axes end on round, labelled ticks; labels
// that would overprint are left out rather than drawn over each other.
// Text with Chinese, Japanese or Korean characters is measured and drawn
// with a CJK font found on the system (CJKFontFile; Debian's
// fonts-noto-cjk), and SVG text names fallback fonts and keeps the width it
// was laid out at, so it fits in browsers that lack the font.
//
// Usage: show a value, replace it in place, drive a progress bar. Outside
// a kernel the text sink prints text/plain.
//
//	id := plots.Display(plots.NewTable("word", "p").Row("company", 0.153).Bar("p"))
//	plots.Update(id, newerTable)
//	p := plots.NewProgress(len(batches), "training")
//	for _, b := range batches {
//		p.SetMetric("loss", step(b))
//		p.Add(1)
//	}
//	p.Done()
package plots
