// Package plots is Lingo's rich display layer: MIME bundles, the Renderer
// interface a value implements to show itself, and the sink that carries
// bundles to wherever they are shown.
//
// A Bundle maps MIME types to data; text/plain is always present so every
// display has a readable fallback. Inside the Lingo kernel the worker installs
// a sink that sends bundles to Jupyter as display_data (and
// update_display_data for Update); outside a kernel the default sink prints
// the text/plain form to standard output, so the library works in ordinary
// programs and tests.
//
// Usage:
//
//	id := plots.Display(plots.NewTable("word", "p").Row("company", 0.153))
//	plots.Update(id, newerTable)
//	b := plots.Render(err) // any value → Bundle
package plots
