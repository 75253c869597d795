package widgets

// Control is a widget with a value that Interact passes to its function:
// *IntSlider (int), *FloatSlider (float64), *Dropdown and *Text (string),
// *Checkbox (bool).
type Control interface {
	Widget
	// current returns the value, as Interact passes it.
	current() any
	// notify calls f at once after each change of the value, on the
	// goroutine that reports it; f must not block.
	notify(f func())
}

var (
	_ Control = (*IntSlider)(nil)
	_ Control = (*FloatSlider)(nil)
	_ Control = (*Dropdown)(nil)
	_ Control = (*Checkbox)(nil)
	_ Control = (*Text)(nil)
)

func (s *IntSlider) current() any      { return s.Value() }
func (s *IntSlider) notify(f func())   { s.w.hook(f) }
func (s *FloatSlider) current() any    { return s.Value() }
func (s *FloatSlider) notify(f func()) { s.w.hook(f) }
func (d *Dropdown) current() any       { return d.Value() }
func (d *Dropdown) notify(f func())    { d.w.hook(f) }
func (c *Checkbox) current() any       { return c.Value() }
func (c *Checkbox) notify(f func())    { c.w.hook(f) }
func (t *Text) current() any           { return t.Value() }
func (t *Text) notify(f func())        { t.w.hook(f) }
