package cell

import (
	"maps"
	"sort"
	"strings"
)

// A sessionObj is a name declared by an earlier cell.
type sessionObj struct {
	name    string
	kind    string // "var", "const", "type", "func"
	pkg     int    // number of the declarations package that holds it
	cell    string // the cell that declared it ("cell5")
	src     string // declaration for the virtual package, with original names
	typ     string // type in the virtual package (compared on redefinition)
	show    string // type as the user reads it, for %who
	imports map[string]string
}

// CompileError is a cell that does not compile: each message names the
// cell's own line and column.
type CompileError struct {
	Msgs []string // "cell:line:col: message", with the source line and a caret
	Src  string
}

func (e *CompileError) Error() string { return strings.Join(e.Msgs, "\n") }

// Compiled is a compiled cell: the Go source of its declarations package
// (if it declares anything) and of its plugin, which the engine builds and
// the worker loads.
type Compiled struct {
	DeclPath string // import path of the declarations package, "" if none
	DeclSrc  string // source of the declarations package
	MainPath string // import path of the plugin's main package
	MainSrc  string // source of the plugin
	Key      string // content hash, for reusing a plugin already built or loaded

	DeclImports, MainImports []string // import paths of the two files

	declPkg    int    // number of the declarations package, 0 if none
	file       string // the cell's name
	assigned   []string
	newObjs    []*sessionObj
	newMethods map[string][]string
	newImports map[string]string
}

// State is what the compiler knows about a session: the names earlier
// cells declared and where they live. The zero State is not ready; use
// NewState.
type State struct {
	// Packages maps names to packages a cell may use without importing
	// them, besides the standard library's most used: Lingo's own
	// (text → github.com/lingo-nlp/lingo/nlp/text). The caller fills it.
	Packages map[string]string
	// Known returns the import paths of the packages a cell could import
	// under name; a cell that uses such a name undefined is told which
	// import it lacks. It is called only for such names; nil knows none.
	Known func(name string) []string

	objs    map[string]*sessionObj
	methods map[string][]string // type name → method declarations (virtual)
	imports map[string]string   // import name → path, cumulative
	nextPkg int                 // number the next declarations package gets
	lastSet map[string]string   // variable → the cell that assigned it last
}

// NewState returns the state of a new session.
func NewState() *State {
	st := &State{}
	st.Reset()
	return st
}

// Reset forgets every session name (%reset). Package numbers keep
// increasing, so a new declarations package never reuses the import path of
// one a worker may have loaded.
func (st *State) Reset() {
	*st = State{Packages: st.Packages, Known: st.Known, objs: map[string]*sessionObj{}, methods: map[string][]string{}, imports: map[string]string{}, lastSet: map[string]string{}, nextPkg: st.nextPkg + 1}
}

// Commit records a compiled cell's declarations in the session, once its
// plugin has run.
func (st *State) Commit(c *Compiled) {
	if c.declPkg != 0 {
		st.nextPkg = c.declPkg + 1
	}
	for _, o := range c.newObjs {
		st.objs[o.name] = o
	}
	for t, ms := range c.newMethods {
		if o := st.objs[t]; o != nil && o.pkg == c.declPkg {
			st.methods[t] = ms
		}
	}
	for n, p := range c.newImports {
		st.imports[n] = p
	}
	for _, n := range c.assigned {
		st.lastSet[n] = c.file
	}
}

// Variables lists the session's variables and their types as the user
// reads them (%who), sorted by name.
func (st *State) Variables() [][2]string {
	var out [][2]string
	for n, o := range st.objs {
		if o.kind == "var" {
			t := o.show
			if t == "" {
				t = strings.ReplaceAll(o.typ, Mark+"i_", "")
			}
			out = append(out, [2]string{n, t})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// Clone returns a copy of st that later commits to st do not change (for
// completion and inspection, which type-check against the session).
func (st *State) Clone() *State {
	c := &State{Packages: st.Packages, Known: st.Known, objs: maps.Clone(st.objs), methods: maps.Clone(st.methods), imports: maps.Clone(st.imports), lastSet: maps.Clone(st.lastSet), nextPkg: st.nextPkg}
	return c
}
