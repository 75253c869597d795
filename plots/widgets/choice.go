package widgets

// Dropdown picks one of several strings.
type Dropdown struct {
	base
	options []string
	w       watch[string]
}

// NewDropdown opens a drop-down list of options with value selected (the
// first option if value is not one of them). label is shown before it.
func NewDropdown(label string, options []string, value string) *Dropdown {
	opts := append([]string{}, options...)
	index := -1
	for i, o := range opts {
		if o == value {
			index = i
			break
		}
	}
	if index < 0 && len(opts) > 0 {
		index = 0
	}
	p := CurrentProtocol()
	s := header(p, modControls, "DropdownModel", "DropdownView")
	s, parts := domState(p, s, "DescriptionStyleModel", true, label, nil)
	merge(s, map[string]any{"_options_labels": opts, "disabled": false})
	if p == Protocol2 {
		if index >= 0 {
			s["index"] = index
		} else {
			s["index"] = nil
		}
	} else {
		s["value"] = ""
		if index >= 0 {
			s["value"] = opts[index]
		}
	}
	d := &Dropdown{options: opts}
	d.w.value = d.Value
	d.base = base{m: newModel(p, s, parts...), name: "Dropdown",
		args: func() string { return args("options", opts, "value", d.Value(), "description", label) }}
	d.m.changed = func(keys []string) {
		if has(keys, "index") || has(keys, "value") {
			d.w.fire()
		}
	}
	d.m.closed = d.w.stop
	return d
}

// Index returns the index of the selected option, or -1 if none is.
func (d *Dropdown) Index() int {
	if d.m.proto == Protocol1 {
		v := toString(d.m.get("value"))
		for i, o := range d.options {
			if o == v {
				return i
			}
		}
		return -1
	}
	i, ok := toInt(d.m.get("index"))
	if !ok || i < 0 || i >= len(d.options) {
		return -1
	}
	return i
}

// Value returns the selected option, or "" if none is.
func (d *Dropdown) Value() string {
	if i := d.Index(); i >= 0 {
		return d.options[i]
	}
	return ""
}

// SetValue selects the option v; an unknown v changes nothing.
func (d *Dropdown) SetValue(v string) {
	for i, o := range d.options {
		if o == v {
			d.SetIndex(i)
			return
		}
	}
}

// SetIndex selects option i; an index out of range changes nothing.
func (d *Dropdown) SetIndex(i int) {
	if i < 0 || i >= len(d.options) {
		return
	}
	if i == d.Index() {
		return
	}
	if d.m.proto == Protocol1 {
		d.m.set(map[string]any{"value": d.options[i]})
	} else {
		d.m.set(map[string]any{"index": i})
	}
	d.w.fire()
}

// OnChange calls f with the new selection after it changes.
func (d *Dropdown) OnChange(f func(string)) { d.w.add(f) }

// Changes returns a channel that receives the newest selection after
// each change; it is closed when the drop-down closes.
func (d *Dropdown) Changes() <-chan string { return d.w.channel() }

// Checkbox is a box that is ticked or not.
type Checkbox struct {
	base
	w watch[bool]
}

// NewCheckbox opens a check box with the given label and state.
func NewCheckbox(label string, value bool) *Checkbox {
	p := CurrentProtocol()
	s := header(p, modControls, "CheckboxModel", "CheckboxView")
	s, parts := domState(p, s, "CheckboxStyleModel", true, label, nil)
	merge(s, map[string]any{"disabled": false, "value": value})
	if p == Protocol2 {
		s["indent"] = true
	}
	c := &Checkbox{}
	c.w.value = c.Value
	c.base = base{m: newModel(p, s, parts...), name: "Checkbox",
		args: func() string { return args("value", c.Value(), "description", label) }}
	c.m.changed = func(keys []string) {
		if has(keys, "value") {
			c.w.fire()
		}
	}
	c.m.closed = c.w.stop
	return c
}

// Value reports whether the box is ticked.
func (c *Checkbox) Value() bool { return toBool(c.m.get("value")) }

// SetValue ticks or clears the box and, if that changes it, calls the
// callbacks.
func (c *Checkbox) SetValue(v bool) {
	if v == c.Value() {
		return
	}
	c.m.set(map[string]any{"value": v})
	c.w.fire()
}

// OnChange calls f with the new state after it changes.
func (c *Checkbox) OnChange(f func(bool)) { c.w.add(f) }

// Changes returns a channel that receives the newest state after each
// change; it is closed when the box closes.
func (c *Checkbox) Changes() <-chan bool { return c.w.channel() }
