package widgets

// Box lays widgets out in a row (HBox) or a column (VBox).
type Box struct {
	base
	children []Widget
}

// VBox opens a box that stacks children top to bottom.
func VBox(children ...Widget) *Box { return newBox("VBoxModel", "VBoxView", "VBox", children) }

// HBox opens a box that puts children side by side.
func HBox(children ...Widget) *Box { return newBox("HBoxModel", "HBoxView", "HBox", children) }

func newBox(modelName, view, name string, children []Widget) *Box {
	p := CurrentProtocol()
	s := header(p, modControls, modelName, view)
	s, parts := domState(p, s, "", false, "", nil)
	refs := make([]string, 0, len(children))
	for _, c := range children {
		if c != nil {
			refs = append(refs, ref(c.core().m))
		}
	}
	merge(s, map[string]any{"box_style": "", "children": refs})
	b := &Box{children: append([]Widget{}, children...)}
	b.base = base{m: newModel(p, s, parts...), name: name,
		args: func() string { return args("children", len(b.children)) }}
	return b
}

// Children returns the widgets in the box.
func (b *Box) Children() []Widget { return append([]Widget{}, b.children...) }
