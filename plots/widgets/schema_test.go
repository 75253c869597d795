package widgets

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// A small JSON Schema (draft-07) validator for the tests: the keywords
// that the specification's schema files and testdata/spec/
// messages.schema.json use — $ref to definitions, type, properties,
// required, additionalProperties, items, enum, const, oneOf, anyOf,
// minimum, maximum, minLength, pattern. TestValidator checks it rejects
// what it must.

type schemaDoc struct {
	root map[string]any
}

func loadSchema(t testing.TB, name string) *schemaDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "spec", name))
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &schemaDoc{root: root}
}

// validate checks v (decoded JSON) against the definition def ("" for the
// whole schema) and returns the problems found.
func (d *schemaDoc) validate(def string, v any) []string {
	s := d.root
	if def != "" {
		defs, _ := d.root["definitions"].(map[string]any)
		var ok bool
		if s, ok = defs[def].(map[string]any); !ok {
			return []string{"no definition " + def}
		}
	}
	var errs []string
	d.check(s, v, "$", &errs)
	return errs
}

// validateJSON is validate of a value marshalled to JSON and back, so Go
// values are checked as the wire carries them.
func (d *schemaDoc) validateJSON(def string, v any) []string {
	b, err := json.Marshal(v)
	if err != nil {
		return []string{err.Error()}
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		return []string{err.Error()}
	}
	return d.validate(def, x)
}

func (d *schemaDoc) resolve(ref string) map[string]any {
	if !strings.HasPrefix(ref, "#/definitions/") {
		return nil
	}
	defs, _ := d.root["definitions"].(map[string]any)
	s, _ := defs[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
	return s
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func typeOK(want, got string) bool {
	return want == got || (want == "number" && got == "integer")
}

func (d *schemaDoc) check(s map[string]any, v any, at string, errs *[]string) {
	fail := func(format string, args ...any) { *errs = append(*errs, at+": "+fmt.Sprintf(format, args...)) }
	if ref, ok := s["$ref"].(string); ok {
		r := d.resolve(ref)
		if r == nil {
			fail("unresolved $ref %s", ref)
			return
		}
		d.check(r, v, at, errs)
	}
	got := jsonType(v)
	switch t := s["type"].(type) {
	case string:
		if !typeOK(t, got) {
			fail("is %s, want %s", got, t)
			return
		}
	case []any:
		ok := false
		for _, w := range t {
			ok = ok || typeOK(fmt.Sprint(w), got)
		}
		if !ok {
			fail("is %s, want one of %v", got, t)
			return
		}
	}
	if c, ok := s["const"]; ok && !reflect.DeepEqual(c, v) {
		fail("is %v, want %v", v, c)
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range e {
			found = found || reflect.DeepEqual(x, v)
		}
		if !found {
			fail("%v is not one of %v", v, e)
		}
	}
	if n, ok := v.(float64); ok {
		if m, ok := s["minimum"].(float64); ok && n < m {
			fail("%v < minimum %v", n, m)
		}
		if m, ok := s["maximum"].(float64); ok && n > m {
			fail("%v > maximum %v", n, m)
		}
	}
	if str, ok := v.(string); ok {
		if m, ok := s["minLength"].(float64); ok && float64(len([]rune(str))) < m {
			fail("shorter than %v", m)
		}
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := obj[r]; !ok {
				fail("missing required %q", r)
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k].(map[string]any); ok {
				d.check(ps, obj[k], at+"."+k, errs)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					fail("unexpected property %q", k)
				}
			case map[string]any:
				d.check(ap, obj[k], at+"."+k, errs)
			}
		}
	}
	if arr, ok := v.([]any); ok {
		if is, ok := s["items"].(map[string]any); ok {
			for i, x := range arr {
				d.check(is, x, fmt.Sprintf("%s[%d]", at, i), errs)
			}
		}
	}
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		var why []string
		for _, a := range alts {
			var e []string
			d.check(a.(map[string]any), v, at, &e)
			if len(e) == 0 {
				n++
			} else {
				why = append(why, strings.Join(e, "; "))
			}
		}
		if n != 1 {
			fail("matches %d of oneOf, want 1 (%s)", n, strings.Join(why, " | "))
		}
	}
	if alts, ok := s["anyOf"].([]any); ok {
		matched := false
		for _, a := range alts {
			var e []string
			d.check(a.(map[string]any), v, at, &e)
			matched = matched || len(e) == 0
		}
		if !matched {
			fail("matches none of anyOf")
		}
	}
}

func asList(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, fmt.Sprint(x))
		}
	}
	return out
}

func TestValidator(t *testing.T) {
	d := loadSchema(t, "messages.schema.json")
	for _, c := range []struct {
		def  string
		v    string
		want bool
	}{
		{"v2.update", `{"method":"update","state":{"value":3},"buffer_paths":[]}`, true},
		{"v2.update", `{"method":"update","state":{"value":3},"buffers":[]}`, false}, // protocol 1's key
		{"v2.update", `{"method":"updat","state":{}}`, false},
		{"v2.echo_update", `{"method":"echo_update","state":{}}`, false}, // buffer_paths required
		{"v2.frontend", `{"method":"request_state"}`, true},
		{"v2.frontend", `{"method":"backbone","sync_data":{}}`, false},
		{"v1.frontend", `{"method":"backbone","sync_data":{"value":1},"buffer_keys":[]}`, true},
		{"v2.open.metadata", `{"version":"2.1.0"}`, true},
		{"v2.open.metadata", `{"version":"1.0.0"}`, false},
		{"v2.view", `{"model_id":"x","version_major":2,"version_minor":0}`, true},
		{"v2.view", `{"model_id":"x","version_major":2.5,"version_minor":0}`, false},
		{"comm.open", `{"comm_id":"a","target_name":"t","data":{}}`, true},
		{"comm.open", `{"comm_id":"a","data":{}}`, false},
		{"bufferPaths", `[["a",0,"b"]]`, true},
		{"bufferPaths", `[["a",0.5]]`, false},
	} {
		var v any
		if err := json.Unmarshal([]byte(c.v), &v); err != nil {
			t.Fatal(err)
		}
		errs := d.validate(c.def, v)
		if (len(errs) == 0) != c.want {
			t.Errorf("%s %s: errors %q, want valid=%v", c.def, c.v, errs, c.want)
		}
	}
	st := loadSchema(t, "state.v2.schema.json")
	if errs := st.validate("", map[string]any{"version_major": 1.0, "version_minor": 0.0, "state": map[string]any{}}); len(errs) == 0 {
		t.Error("state.v2.schema.json accepted version_major 1")
	}
}
