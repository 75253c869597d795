package plots

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/png"
	"reflect"
	"sort"
	"strings"
)

// MIME types used in bundles.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEMarkdown = "text/markdown"
	MIMEJSON     = "application/json"
)

// A Bundle maps MIME types to their data. Text formats hold the text itself;
// image/png holds base64; application/json (and any "+json" type) holds JSON
// text that is embedded as an object on the wire. text/plain is always set by
// Render.
type Bundle map[string]string

// Renderer is implemented by values that know how to show themselves, the Go
// analogue of IPython's _repr_html_. The returned bundle should include
// text/plain; Render adds one from fmt if it is missing.
type Renderer interface {
	Render() Bundle
}

// Maximum sizes of the text form of values rendered by Render.
const (
	maxItems    = 20   // elements shown of a slice, array or map
	maxTextSize = 4000 // bytes of text/plain for values without a Renderer
)

// Render turns any value into a Bundle: a Bundle is shown as is; a Renderer
// renders itself; errors and
// fmt.Stringers show their text; image.Image becomes PNG; slices, arrays and
// maps print at most a few elements with a count of the rest. Values that
// implement MIMEBundler-like hooks registered with RegisterRenderer are
// handled by those.
func Render(v any) Bundle {
	if v == nil {
		return Bundle{MIMEText: "<nil>"}
	}
	if b, ok := v.(Bundle); ok {
		// A bundle shows as itself (a copy, with text/plain ensured).
		c := make(Bundle, len(b)+1)
		for k, d := range b {
			c[k] = d
		}
		if _, ok := c[MIMEText]; !ok {
			c[MIMEText] = ""
		}
		return c
	}
	if r, ok := v.(Renderer); ok {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return Bundle{MIMEText: fmt.Sprintf("(%T)(nil)", v)}
		}
		b := r.Render()
		if b == nil {
			b = Bundle{}
		}
		if _, ok := b[MIMEText]; !ok {
			b[MIMEText] = fmt.Sprintf("%T", v)
		}
		return b
	}
	for _, h := range renderers {
		if b, ok := h(v); ok {
			if _, ok := b[MIMEText]; !ok {
				b[MIMEText] = fmt.Sprintf("%T", v)
			}
			return b
		}
	}
	switch x := v.(type) {
	case error:
		return Bundle{MIMEText: "error: " + x.Error()}
	case fmt.Stringer:
		return Bundle{MIMEText: truncate(x.String())}
	case image.Image:
		return imageBundle(x)
	}
	return Bundle{MIMEText: Text(v)}
}

// RendererFunc renders values it recognises; ok reports whether it did.
type RendererFunc func(v any) (b Bundle, ok bool)

var renderers []RendererFunc

// RegisterRenderer adds a renderer for types the package cannot import
// itself (for example gonum's mat.Matrix). Later registrations are tried
// first. It is not safe to call concurrently with Render.
func RegisterRenderer(f RendererFunc) {
	renderers = append([]RendererFunc{f}, renderers...)
}

func imageBundle(img image.Image) Bundle {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Bundle{MIMEText: "image: " + err.Error()}
	}
	b := img.Bounds()
	return Bundle{
		MIMEPNG:  base64.StdEncoding.EncodeToString(buf.Bytes()),
		MIMEText: fmt.Sprintf("<image %dx%d>", b.Dx(), b.Dy()),
	}
}

// Text formats v for text/plain like %v, but a slice, array or map longer
// than a few elements shows its first elements, then "… N more", so a
// million-element slice prints in a line, not megabytes.
func Text(v any) string {
	var sb strings.Builder
	writeValue(&sb, reflect.ValueOf(v), 0)
	return truncate(sb.String())
}

func writeValue(sb *strings.Builder, v reflect.Value, depth int) {
	if !v.IsValid() {
		sb.WriteString("<nil>")
		return
	}
	if v.CanInterface() {
		switch x := v.Interface().(type) {
		case error:
			if v.Kind() != reflect.Pointer || !v.IsNil() {
				sb.WriteString(x.Error())
				return
			}
		case fmt.Stringer:
			if v.Kind() != reflect.Pointer || !v.IsNil() {
				sb.WriteString(x.String())
				return
			}
		}
	}
	if depth > 3 {
		fmt.Fprintf(sb, "%v", "…")
		return
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			sb.WriteString("[]")
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 && v.Len() > maxItems {
			fmt.Fprintf(sb, "[%d bytes]", v.Len())
			return
		}
		n := v.Len()
		sb.WriteByte('[')
		for i := 0; i < n && i < maxItems; i++ {
			if i > 0 {
				sb.WriteByte(' ')
			}
			writeValue(sb, v.Index(i), depth+1)
		}
		if n > maxItems {
			fmt.Fprintf(sb, " … %d more (len %d)", n-maxItems, n)
		}
		sb.WriteByte(']')
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return lessKey(keys[i], keys[j]) })
		sb.WriteString("map[")
		for i, k := range keys {
			if i == maxItems {
				fmt.Fprintf(sb, " … %d more (len %d)", len(keys)-maxItems, len(keys))
				break
			}
			if i > 0 {
				sb.WriteByte(' ')
			}
			writeValue(sb, k, depth+1)
			sb.WriteByte(':')
			writeValue(sb, v.MapIndex(k), depth+1)
		}
		sb.WriteByte(']')
	case reflect.Pointer:
		if v.IsNil() {
			sb.WriteString("<nil>")
			return
		}
		if e := v.Elem(); e.Kind() == reflect.Struct || e.Kind() == reflect.Slice || e.Kind() == reflect.Map || e.Kind() == reflect.Array {
			sb.WriteByte('&')
			writeValue(sb, e, depth+1)
			return
		}
		fmt.Fprintf(sb, "%v", v)
	case reflect.Struct:
		sb.WriteByte('{')
		for i := 0; i < v.NumField(); i++ {
			if i > 0 {
				sb.WriteByte(' ')
			}
			writeValue(sb, v.Field(i), depth+1)
		}
		sb.WriteByte('}')
	case reflect.Interface:
		writeValue(sb, v.Elem(), depth)
	case reflect.String:
		sb.WriteString(v.String()) // as fmt's %v does
	default:
		if v.CanInterface() {
			fmt.Fprintf(sb, "%v", v.Interface())
		} else {
			fmt.Fprintf(sb, "%v", v)
		}
	}
}

func lessKey(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.String:
		return a.String() < b.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() < b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() < b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() < b.Float()
	}
	return fmt.Sprint(a) < fmt.Sprint(b)
}

func truncate(s string) string {
	if len(s) <= maxTextSize {
		return s
	}
	cut := maxTextSize
	for cut > 0 && (s[cut]&0xC0) == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d more bytes)", len(s)-cut)
}

// ErrNoSink is returned by sinks that cannot display.
var ErrNoSink = errors.New("plots: no display sink")
