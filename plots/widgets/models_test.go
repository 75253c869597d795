package widgets

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The model specifications: testdata/spec/jupyterwidgetmodels.v2.json is
// ipywidgets 8.1.8's jupyterwidgetmodels.latest.json;
// jupyterwidgetmodels.v1.json was written by models_v1.py from Debian
// 12's python3-ipywidgets 6.0.0. Each lists, per model, every attribute
// with its JSON type, enum values and whether it may be null.

type attrSpec struct {
	Name      string `json:"name"`
	Type      any    `json:"type"` // a string, or a list for unions
	Enum      []any  `json:"enum"`
	AllowNone bool   `json:"allow_none"`
	Widget    string `json:"widget"`
	Items     *struct {
		Type   string `json:"type"`
		Widget string `json:"widget"`
	} `json:"items"`
}

type modelSpec struct {
	Class string `json:"class"`
	Model struct {
		Module, Name, Version string
	} `json:"model"`
	View struct {
		Module, Name, Version string
	} `json:"view"`
	Attributes []attrSpec `json:"attributes"`
}

func loadModels(t testing.TB, p Protocol) map[string][]modelSpec {
	t.Helper()
	name := "jupyterwidgetmodels.v2.json"
	if p == Protocol1 {
		name = "jupyterwidgetmodels.v1.json"
	}
	b, err := os.ReadFile(filepath.Join("testdata", "spec", name))
	if err != nil {
		t.Fatal(err)
	}
	var list []modelSpec
	if p == Protocol1 {
		var doc struct{ Models []modelSpec }
		err = json.Unmarshal(b, &doc)
		list = doc.Models
	} else {
		err = json.Unmarshal(b, &list)
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string][]modelSpec{}
	for _, m := range list {
		out[m.Model.Name] = append(out[m.Model.Name], m)
	}
	return out
}

// checkModel checks a full model state (as the wire carries it) against
// the specification: the model is one the specification has, with exactly
// its attributes, each of its type, enum and nullability; references name
// models opened before (opened maps model id to model name).
func checkModel(specs map[string][]modelSpec, state map[string]any, opened map[string]string) []string {
	name, _ := state["_model_name"].(string)
	cands := specs[name]
	if len(cands) == 0 {
		return []string{fmt.Sprintf("model %q is not in the specification", name)}
	}
	var best []string
	for i, sp := range cands {
		errs := compareModel(sp, state, opened)
		if len(errs) == 0 {
			return nil
		}
		if i == 0 || len(errs) < len(best) {
			best = errs
		}
	}
	return best
}

func compareModel(sp modelSpec, state map[string]any, opened map[string]string) []string {
	var errs []string
	attrs := map[string]attrSpec{}
	for _, a := range sp.Attributes {
		attrs[a.Name] = a
		if _, ok := state[a.Name]; !ok {
			errs = append(errs, "missing attribute "+a.Name)
		}
	}
	keys := make([]string, 0, len(state))
	for k := range state {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		a, ok := attrs[k]
		if !ok {
			errs = append(errs, "attribute "+k+" is not in the specification")
			continue
		}
		if e := checkAttr(a, state[k], opened); e != "" {
			errs = append(errs, k+": "+e)
		}
	}
	for k, want := range map[string]string{
		"_model_module": sp.Model.Module, "_model_name": sp.Model.Name, "_model_module_version": sp.Model.Version,
		"_view_module": sp.View.Module, "_view_name": sp.View.Name, "_view_module_version": sp.View.Version,
	} {
		if state[k] != want {
			errs = append(errs, fmt.Sprintf("%s = %v, want %q", k, state[k], want))
		}
	}
	return errs
}

func checkAttr(a attrSpec, v any, opened map[string]string) string {
	if v == nil {
		if a.AllowNone {
			return ""
		}
		return "null, but the attribute may not be"
	}
	if len(a.Enum) > 0 {
		found := false
		for _, e := range a.Enum {
			found = found || e == v
		}
		if !found {
			return fmt.Sprintf("%v is not one of %v", v, a.Enum)
		}
	}
	types := []string{}
	switch t := a.Type.(type) {
	case string:
		types = append(types, t)
	case []any:
		for _, x := range t {
			types = append(types, fmt.Sprint(x))
		}
	}
	var why []string
	for _, t := range types {
		e := checkType(t, a.Widget, v, opened)
		if e == "" {
			if t == "array" && a.Items != nil {
				for i, x := range v.([]any) {
					if e := checkType(a.Items.Type, a.Items.Widget, x, opened); e != "" {
						return fmt.Sprintf("item %d: %s", i, e)
					}
				}
			}
			return ""
		}
		why = append(why, e)
	}
	return strings.Join(why, "; ")
}

func checkType(t, widget string, v any, opened map[string]string) string {
	switch t {
	case "string", "color":
		if _, ok := v.(string); !ok {
			return fmt.Sprintf("%v is not a string", v)
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			return fmt.Sprintf("%v is not a boolean", v)
		}
	case "int":
		if f, ok := v.(float64); !ok || f != math.Trunc(f) {
			return fmt.Sprintf("%v is not an integer", v)
		}
	case "float":
		if _, ok := v.(float64); !ok {
			return fmt.Sprintf("%v is not a number", v)
		}
	case "array":
		if _, ok := v.([]any); !ok {
			return fmt.Sprintf("%v is not an array", v)
		}
	case "object":
		if _, ok := v.(map[string]any); !ok {
			return fmt.Sprintf("%v is not an object", v)
		}
	case "reference":
		s, _ := v.(string)
		id, ok := strings.CutPrefix(s, "IPY_MODEL_")
		if !ok {
			return fmt.Sprintf("%v is not a model reference", v)
		}
		got, ok := opened[id]
		if !ok {
			return "refers to " + id + ", which was not opened before"
		}
		if widget != "" && widget != "Widget" && got != widget+"Model" {
			return fmt.Sprintf("refers to a %s, want a %sModel", got, widget)
		}
	case "Any", "label":
	default:
		return "unchecked type " + t
	}
	return ""
}
