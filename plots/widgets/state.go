package widgets

// The JavaScript modules that hold the models, in each protocol.
type module int

const (
	modControls module = iota // sliders, buttons, boxes…
	modBase                   // Layout
	modOutput                 // Output
)

// header returns the attributes that name a model and its view: the
// model's module, version and class, and the view's.
func header(p Protocol, mod module, modelName, viewName string) map[string]any {
	if p == Protocol1 {
		return map[string]any{
			"_model_module": "jupyter-js-widgets", "_model_module_version": frontendVersion1, "_model_name": modelName,
			"_view_module": "jupyter-js-widgets", "_view_module_version": frontendVersion1, "_view_name": viewName,
			"msg_throttle": 1,
		}
	}
	name, version := "@jupyter-widgets/controls", "2.0.0"
	switch mod {
	case modBase:
		name = "@jupyter-widgets/base"
	case modOutput:
		name, version = "@jupyter-widgets/output", "1.0.0"
	}
	return map[string]any{
		"_model_module": name, "_model_module_version": version, "_model_name": modelName,
		"_view_module": name, "_view_module_version": version, "_view_name": viewName,
	}
}

// layoutKeys are the CSS attributes of a Layout model, all null unless set.
var layoutKeys = map[Protocol][]string{
	Protocol2: {"align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top",
		"bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows",
		"grid_column", "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows",
		"height", "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height",
		"min_width", "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width"},
	Protocol1: {"align_content", "align_items", "align_self", "border", "bottom", "display", "flex", "flex_flow",
		"height", "justify_content", "left", "margin", "max_height", "max_width", "min_height", "min_width", "order",
		"overflow", "overflow_x", "overflow_y", "padding", "right", "top", "visibility", "width"},
}

// newLayout opens a Layout model with the given CSS attributes set.
func newLayout(p Protocol, css map[string]string) *model {
	s := header(p, modBase, "LayoutModel", "LayoutView")
	for _, k := range layoutKeys[p] {
		s[k] = nil
	}
	for k, v := range css {
		if _, ok := s[k]; ok {
			s[k] = v
		}
	}
	return newModel(p, s)
}

// styles are the style models of the controls, by protocol: the model
// name and its attributes. A control whose style is missing has none in
// that protocol.
var styles = map[Protocol]map[string]map[string]any{
	Protocol2: {
		"SliderStyleModel":      {"description_width": "", "handle_color": nil},
		"DescriptionStyleModel": {"description_width": ""},
		"CheckboxStyleModel":    {"background": nil, "description_width": ""},
		"TextStyleModel":        {"background": nil, "description_width": "", "font_size": nil, "text_color": nil},
		"HTMLStyleModel":        {"background": nil, "description_width": "", "font_size": nil, "text_color": nil},
		"LabelStyleModel": {"background": nil, "description_width": "", "font_family": nil, "font_size": nil,
			"font_style": nil, "font_variant": nil, "font_weight": nil, "text_color": nil, "text_decoration": nil},
		"ButtonStyleModel": {"button_color": nil, "font_family": nil, "font_size": nil, "font_style": nil,
			"font_variant": nil, "font_weight": nil, "text_color": nil, "text_decoration": nil},
	},
	Protocol1: {
		"SliderStyleModel": {"handle_color": nil},
		"ButtonStyleModel": {"button_color": nil, "font_weight": ""},
	},
}

// newStyle opens the style model name, or returns nil if the protocol has
// no such model.
func newStyle(p Protocol, name string, set map[string]any) *model {
	attrs, ok := styles[p][name]
	if !ok {
		return nil
	}
	s := header(p, modControls, name, "StyleView")
	if p == Protocol2 {
		s["_view_module"] = "@jupyter-widgets/base"
	}
	for k, v := range attrs {
		s[k] = v
	}
	for k, v := range set {
		if _, ok := s[k]; ok {
			s[k] = v
		}
	}
	return newModel(p, s)
}

// domState returns the attributes every displayed control has (its DOM
// classes, layout and, in protocol 2, tab order and tooltip) merged with
// header, and opens its layout and (if style is not "") style models.
// description is set when described is true. It returns the models that
// the state refers to.
func domState(p Protocol, s map[string]any, styleName string, described bool, description string, css map[string]string) (map[string]any, []*model) {
	layout := newLayout(p, css)
	parts := []*model{layout}
	s["_dom_classes"] = []string{}
	s["layout"] = ref(layout)
	if p == Protocol2 {
		s["tabbable"] = nil
		s["tooltip"] = nil
	}
	if described {
		s["description"] = description
		if p == Protocol2 {
			s["description_allow_html"] = false
		}
	}
	if styleName != "" {
		if st := newStyle(p, styleName, nil); st != nil {
			s["style"] = ref(st)
			parts = append(parts, st)
		}
	}
	return s, parts
}

// merge copies the attributes of b into a and returns a.
func merge(a, b map[string]any) map[string]any {
	for k, v := range b {
		a[k] = v
	}
	return a
}
