// Package widgets is Lingo's interactive controls for notebooks: sliders,
// drop-downs, check boxes, buttons, text fields, output areas and boxes
// that lay them out, and Interact, which re-runs a function whenever a
// control changes and redraws its result in place.
//
// The controls are Jupyter widgets: each is a model in the kernel, kept in
// sync over a comm (package comm) with its view in the front end,
// following the Jupyter widgets messaging protocol. Lingo speaks two
// versions of it (see Protocol): 2.1, with the models of ipywidgets 8,
// which JupyterLab 4, Notebook 7, VS Code and Colab speak; and 1, with the
// models of ipywidgets 6, which Debian 12's classic Notebook speaks with
// its jupyter-js-widgets extension. Which one is used is detected from
// what the front end sends when it connects, or set with SetProtocol.
//
// Values are typed: IntSlider.Value returns an int, FloatSlider.Value a
// float64. Changes arrive as callbacks (OnChange, OnClick) or on channels
// (Changes, Clicks), whether or not a cell is running: a training loop can
// read a slider the student moves while it trains. Callbacks run on a
// goroutine of their control, one at a time; changes that come while one
// runs are merged into one more call with the newest value.
//
// When a cell runs again, the widgets its previous run made are closed.
// Widgets show as live controls where the front end has widget support;
// elsewhere (GitHub, nbconvert without the widget manager, lingo run
// --html) as static HTML controls showing the state saved in the
// notebook's metadata.
//
// Usage:
//
//	temp := widgets.NewFloatSlider(widgets.Float{Label: "temperature", Min: 0.1, Max: 2, Value: 1})
//	topK := widgets.NewIntSlider(widgets.Int{Label: "top-k", Min: 1, Max: 50, Value: 10})
//	widgets.Interact(func(t float64, k int) any {
//		return sampleTable(model, t, k) // a plots.Table, a chart…
//	}, temp, topK)
package widgets
