package cell

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/token"
	"regexp"
	"strings"
	"unicode"
)

// Mark prefixes the names the compiler renames. Names in a session must be
// reachable from other packages, so unexported names (and unexported fields
// and methods of session types) are renamed with the mark; CleanNames removes
// it from everything shown to the user.
const Mark = "ẞ"

// SessionPath is the module path of the session module the generated
// packages live in.
const SessionPath = "lingo.session"

// ModulePath is Lingo's module path.
const ModulePath = "github.com/lingo-nlp/lingo"

// RTPath is the import path of the runtime generated code calls.
const RTPath = ModulePath + "/kernel/rt"

func mangle(name string) string {
	if name == "_" || token.IsExported(name) {
		return name
	}
	return Mark + name
}

func pkgAlias(n int) string { return fmt.Sprintf("%sc%d", Mark, n) }

func pkgImportPath(n int) string { return fmt.Sprintf("%s/c%04d", SessionPath, n) }

func importAlias(path string) string {
	var b strings.Builder
	b.WriteString(Mark + "i_")
	for _, r := range path {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// stdPackages maps names to standard packages added automatically when a
// cell uses them without importing them.
var stdPackages = map[string]string{
	"fmt": "fmt", "strings": "strings", "strconv": "strconv", "math": "math", "sort": "sort",
	"os": "os", "time": "time", "errors": "errors", "bytes": "bytes", "bufio": "bufio",
	"io": "io", "rand": "math/rand/v2", "json": "encoding/json", "slices": "slices",
	"maps": "maps", "regexp": "regexp", "unicode": "unicode", "utf8": "unicode/utf8",
	"sync": "sync", "atomic": "sync/atomic", "context": "context", "filepath": "path/filepath",
	"runtime": "runtime", "reflect": "reflect", "cmp": "cmp", "iter": "iter", "bits": "math/bits",
	"cmplx": "math/cmplx", "csv": "encoding/csv", "base64": "encoding/base64", "hex": "encoding/hex",
	"http": "net/http", "heap": "container/heap", "list": "container/list", "big": "math/big",
	"exec": "os/exec", "tabwriter": "text/tabwriter", "template": "text/template", "image": "image",
	"color": "image/color", "png": "image/png", "gzip": "compress/gzip", "sha256": "crypto/sha256",
	"hash": "hash", "fnv": "hash/fnv", "log": "log", "slog": "log/slog", "url": "net/url",
	"unsafe": "unsafe", "debug": "runtime/debug", "pprof": "runtime/pprof", "embed": "embed",
	"flag": "flag", "path": "path", "html": "html", "xml": "encoding/xml", "binary": "encoding/binary",
	"ring": "container/ring", "testing": "testing", "utf16": "unicode/utf16",
	Mark + "rt": RTPath,
}

// autoImport returns the package a cell may use as name without importing
// it: a standard package above, or one of st.Packages (Lingo's own).
func (st *State) autoImport(name string) (string, bool) {
	if p, ok := stdPackages[name]; ok {
		return p, true
	}
	p, ok := st.Packages[name]
	return p, ok
}

// autoImportNames returns every name autoImport knows.
func (st *State) autoImportNames() []string {
	var names []string
	for n := range stdPackages {
		names = append(names, n)
	}
	for n := range st.Packages {
		if _, ok := stdPackages[n]; !ok {
			names = append(names, n)
		}
	}
	return names
}

func hashString(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// guessPackageName guesses the name a package is imported under from its
// path: the last element, skipping a major-version element (math/rand/v2 →
// rand) and trimming gopkg.in style suffixes (yaml.v3 → yaml).
func guessPackageName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	if i := strings.Index(name, ".v"); i > 0 {
		name = name[:i]
	}
	name = strings.TrimPrefix(name, "go-")
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return '_'
		}
		return r
	}, name)
}

var sessionNames = regexp.MustCompile(`(?:lingo\.session/)?(?:c\d{4,}\.)?` + Mark + `(?:i_[A-Za-z0-9_]*\.)?`)

// cleanNames removes the compiler's renaming from text shown to the user.
func CleanNames(s string) string {
	if !strings.Contains(s, Mark) && !strings.Contains(s, "lingo.session/") {
		return s
	}
	s = sessionNames.ReplaceAllString(s, "")
	return strings.ReplaceAll(s, "lingo.session/", "")
}
