package kernel

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// The cell compiler turns a notebook cell into Go source for two packages:
// a declarations package (the cell's types, funcs, consts and variables,
// including variables hoisted from top-level x := …) and a plugin whose Run
// function holds the cell's statements. Later cells import earlier
// declarations packages, so values persist in the worker's memory.
//
// Names in a session must be reachable from other packages, so unexported
// names (and unexported fields and methods of session types) are renamed
// with the mark prefix. The mark is removed from everything shown to the
// user.
const mark = "ẞ"

// sessionPath is the module path of the session module.
const sessionPath = "lingo.session"

const rtPath = "github.com/lingo-nlp/lingo/kernel/rt"

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

// compiled is the output of compiling one cell.
type compiled struct {
	declPkg   int    // number of the declarations package, 0 if none
	declSrc   string // source of the declarations package
	mainSrc   string // source of the plugin
	key       string // content hash, for reusing a loaded plugin
	hasResult bool

	declImports, mainImports []string // import paths of the two files

	newObjs    []*sessionObj
	newMethods map[string][]string
	newImports map[string]string
}

// compileState is what the compiler needs to know about the session.
type compileState struct {
	objs    map[string]*sessionObj
	methods map[string][]string // type name → method declarations (virtual)
	imports map[string]string   // import name → path, cumulative
	nextPkg int                 // number the next declarations package gets
}

func mangle(name string) string {
	if name == "_" || token.IsExported(name) {
		return name
	}
	return mark + name
}

func pkgAlias(n int) string      { return fmt.Sprintf("%sc%d", mark, n) }
func pkgImportPath(n int) string { return fmt.Sprintf("%s/c%04d", sessionPath, n) }
func importAlias(path string) string {
	var b strings.Builder
	b.WriteString(mark + "i_")
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
	mark + "rt": rtPath, "plots": modulePath + "/plots",
	// Lingo's own packages, so lessons can use them without an import line.
	"corpus": modulePath + "/nlp/corpus", "wordnet": modulePath + "/nlp/wordnet", "ngram": modulePath + "/nlp/ngram",
	"word2vec": modulePath + "/nlp/word2vec", "vec": modulePath + "/nlp/vec", "autograd": modulePath + "/nlp/autograd",
	"nn": modulePath + "/nlp/nn", "lm": modulePath + "/nlp/lm", "seq2seq": modulePath + "/nlp/seq2seq",
	"metrics": modulePath + "/nlp/metrics", "llm": modulePath + "/nlp/llm", "lessons": modulePath + "/lessons",
	"wordnetex": modulePath + "/lessons/wordnetex", "vecex": modulePath + "/lessons/vecex",
	"word2vecex": modulePath + "/lessons/word2vecex", "ngramex": modulePath + "/lessons/ngramex",
	"lmex": modulePath + "/lessons/lmex", "seq2seqex": modulePath + "/lessons/seq2seqex", "llmex": modulePath + "/lessons/llmex",
}

// virtualFile is the single-package view of the session used to type-check
// a cell: every current session declaration with its original name, the
// cell's declarations, and the cell's statements inside func ẞrun.
type virtualFile struct {
	src     string
	spans   []span // where the cell's chunks sit in src
	runName string
}

type span struct {
	vstart int // offset in the virtual file
	c      chunk
}

func (v *virtualFile) cellOffset(off int) (int, *chunk) {
	for i := range v.spans {
		s := &v.spans[i]
		if off >= s.vstart && off <= s.vstart+(s.c.end-s.c.start) {
			return s.c.start + off - s.vstart, &s.c
		}
	}
	return -1, nil
}

func lineDirective(file string, c chunk) string {
	return fmt.Sprintf("\n//line %s:%d:%d\n", file, c.line, c.col)
}

// buildVirtual assembles the virtual file for a cell.
func buildVirtual(st *compileState, src, file string, chunks []chunk, extraImports map[string]string, hoisted map[string]string, declared map[string]bool) *virtualFile {
	var b strings.Builder
	v := &virtualFile{runName: mark + "run"}
	b.WriteString("package virtual\n\nimport " + mark + "context \"context\"\n")
	cellImports := map[string]bool{}
	for _, c := range chunks {
		if c.kind == chunkImport {
			b.WriteString(lineDirective(file, c))
			v.spans = append(v.spans, span{b.Len(), c})
			b.WriteString(src[c.start:c.end])
			b.WriteString("\n")
			for _, name := range importNames(src[c.start:c.end]) {
				cellImports[name] = true
			}
		}
	}
	b.WriteString("\n//line session:1\n")
	names := make([]string, 0, len(st.imports)+len(extraImports))
	all := map[string]string{}
	for n, p := range st.imports {
		all[n] = p
	}
	for n, p := range extraImports {
		all[n] = p
	}
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !cellImports[n] {
			fmt.Fprintf(&b, "import %s %q\n", n, all[n])
		}
	}
	// Imports needed by the types of session variables.
	seen := map[string]bool{}
	var objNames []string
	for n := range st.objs {
		objNames = append(objNames, n)
	}
	sort.Strings(objNames)
	for _, n := range objNames {
		for alias, p := range st.objs[n].imports {
			if !seen[alias] {
				seen[alias] = true
				fmt.Fprintf(&b, "import %s %q\n", alias, p)
			}
		}
	}
	for _, n := range objNames {
		o := st.objs[n]
		if declared[n] {
			continue
		}
		if _, ok := hoisted[n]; ok {
			continue
		}
		b.WriteString(o.src)
		b.WriteString("\n")
		if o.kind == "type" {
			for _, m := range st.methods[n] {
				b.WriteString(m)
				b.WriteString("\n")
			}
		}
	}
	hn := make([]string, 0, len(hoisted))
	for n := range hoisted {
		hn = append(hn, n)
	}
	sort.Strings(hn)
	for _, n := range hn {
		fmt.Fprintf(&b, "var %s %s\n", n, hoisted[n])
	}
	for _, c := range chunks {
		if c.kind == chunkDecl {
			b.WriteString(lineDirective(file, c))
			v.spans = append(v.spans, span{b.Len(), c})
			b.WriteString(src[c.start:c.end])
			b.WriteString("\n")
		}
	}
	b.WriteString("\n//line session:2\nfunc " + v.runName + "(ctx " + mark + "context.Context) {")
	for _, c := range chunks {
		if c.kind == chunkStmt {
			b.WriteString(lineDirective(file, c))
			v.spans = append(v.spans, span{b.Len(), c})
			b.WriteString(src[c.start:c.end])
			b.WriteString("\n")
		}
	}
	b.WriteString("}\n")
	v.src = b.String()
	return v
}

// importNames returns the names an import declaration binds.
func importNames(decl string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+decl, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var names []string
	for _, is := range f.Imports {
		p, _ := strconv.Unquote(is.Path.Value)
		if is.Name != nil {
			names = append(names, is.Name.Name)
		} else {
			names = append(names, guessPackageName(p))
		}
	}
	return names
}

// checkResult is one type-check of a virtual file.
type checkResult struct {
	v     *virtualFile
	fset  *token.FileSet
	file  *ast.File
	pkg   *types.Package
	info  *types.Info
	errs  []types.Error
	run   *types.Func
	local map[*types.Var]bool // top-level variables of the cell's statements
	last  token.Pos           // the cell's last statement, if an expression
}

func typeCheck(v *virtualFile, imp types.Importer) (*checkResult, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "virtual.go", v.src, parser.ParseComments|parser.SkipObjectResolution)
	r := &checkResult{v: v, fset: fset, file: f}
	if err != nil {
		return r, err
	}
	r.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	conf := types.Config{Importer: imp, Error: func(err error) {
		if te, ok := err.(types.Error); ok {
			r.errs = append(r.errs, te)
		}
	}}
	r.pkg, _ = conf.Check(sessionPath+"/virtual", fset, []*ast.File{f}, r.info)
	r.local = map[*types.Var]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == v.runName && len(fd.Body.List) > 0 {
			if es, ok := fd.Body.List[len(fd.Body.List)-1].(*ast.ExprStmt); ok {
				r.last = es.Pos()
			}
		}
	}
	if r.pkg != nil {
		if fn, ok := r.pkg.Scope().Lookup(v.runName).(*types.Func); ok {
			r.run = fn
			sc := fn.Scope()
			for _, n := range sc.Names() {
				if lv, ok := sc.Lookup(n).(*types.Var); ok && n != "ctx" && n != "_" {
					r.local[lv] = true
				}
			}
		}
	}
	return r, nil
}

// inCell returns the cell offset and chunk of a position, or nil.
func (r *checkResult) inCell(p token.Pos) (int, *chunk) {
	if !p.IsValid() {
		return -1, nil
	}
	return r.v.cellOffset(r.fset.File(p).Offset(p))
}

// cellErrors returns the errors that concern the cell, in order, without
// those the compiler resolves itself.
func (r *checkResult) cellErrors(file string) []types.Error {
	var out []types.Error
	for _, e := range r.errs {
		p := r.fset.Position(e.Pos)
		if p.Filename != file {
			continue
		}
		if strings.Contains(e.Msg, "imported and not used") {
			continue
		}
		if e.Pos == r.last && strings.HasSuffix(e.Msg, "is not used") {
			continue // the cell's value: shown as its result
		}
		if strings.HasPrefix(e.Msg, "declared and not used: ") {
			name := strings.TrimPrefix(e.Msg, "declared and not used: ")
			top := false
			for lv := range r.local {
				if lv.Name() == name && r.fset.Position(lv.Pos()) == p {
					top = true
				}
			}
			if top {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// undefinedNames returns the names reported as undefined in the cell.
func undefinedNames(errs []types.Error) map[string]bool {
	out := map[string]bool{}
	for _, e := range errs {
		if name, ok := strings.CutPrefix(e.Msg, "undefined: "); ok {
			out[name] = true
		}
	}
	return out
}

// compileCell compiles one cell. file is the cell's name in positions
// ("cell5"). imp imports non-session packages.
func compileCell(st *compileState, src, file string, imp types.Importer) (*compiled, error) {
	chunks, err := splitCell(src)
	if err != nil {
		return nil, &CompileError{Msgs: []string{file + ":" + err.Error()}, Src: src}
	}
	declared := map[string]bool{}
	for _, c := range chunks {
		if c.kind == chunkDecl {
			for _, n := range declNames(src[c.start:c.end]) {
				declared[n] = true
			}
		}
	}
	extra := map[string]string{}
	hoistedVirtual := map[string]string{}
	var r *checkResult
	for pass := 0; pass < 4; pass++ {
		v := buildVirtual(st, src, file, chunks, extra, hoistedVirtual, declared)
		r, err = typeCheck(v, imp)
		if err != nil {
			return nil, syntaxError(err, src, file)
		}
		errs := r.cellErrors(file)
		if len(errs) == 0 {
			break
		}
		again := false
		undef := undefinedNames(errs)
		for name := range undef {
			if p, ok := stdPackages[name]; ok && extra[name] == "" && st.imports[name] == "" {
				extra[name] = p
				again = true
			}
		}
		// Functions declared in the cell may use variables the cell's
		// statements define: declare those at package level and check again.
		for lv := range r.local {
			if undef[lv.Name()] && hoistedVirtual[lv.Name()] == "" && !declared[lv.Name()] {
				hoistedVirtual[lv.Name()] = virtualTypeString(lv.Type(), r.pkg)
				again = true
			}
		}
		if !again {
			break
		}
	}
	if errs := r.cellErrors(file); len(errs) > 0 {
		ce := &CompileError{Src: src}
		for i, e := range errs {
			if i == 10 {
				ce.Msgs = append(ce.Msgs, fmt.Sprintf("… and %d more errors", len(errs)-10))
				break
			}
			ce.Msgs = append(ce.Msgs, formatError(r.fset.Position(e.Pos), e.Msg, src))
		}
		return nil, ce
	}
	g := &generator{st: st, r: r, src: src, file: file, chunks: chunks, extra: extra}
	return g.generate()
}

func syntaxError(err error, src, file string) error {
	ce := &CompileError{Src: src}
	if list, ok := err.(interface{ Unwrap() []error }); ok {
		for i, e := range list.Unwrap() {
			if i == 10 {
				break
			}
			ce.Msgs = append(ce.Msgs, cleanSyntax(e.Error(), src, file))
		}
	} else {
		ce.Msgs = append(ce.Msgs, cleanSyntax(err.Error(), src, file))
	}
	return ce
}

func cleanSyntax(msg, src, file string) string {
	// "cell5:3:7: expected …" → with source line.
	if strings.HasPrefix(msg, file+":") {
		rest := strings.TrimPrefix(msg, file+":")
		parts := strings.SplitN(rest, ":", 3)
		if len(parts) == 3 {
			l, err1 := strconv.Atoi(parts[0])
			c, err2 := strconv.Atoi(parts[1])
			if err1 == nil && err2 == nil {
				return formatError(token.Position{Filename: file, Line: l, Column: c}, strings.TrimSpace(parts[2]), src)
			}
		}
	}
	return msg
}

// formatError renders "cell5:3:7: msg" followed by the source line and a caret.
func formatError(p token.Position, msg, src string) string {
	msg = strings.ReplaceAll(msg, mark, "")
	s := fmt.Sprintf("%s:%d:%d: %s", p.Filename, p.Line, p.Column, msg)
	lines := strings.Split(src, "\n")
	if p.Line >= 1 && p.Line <= len(lines) {
		line := lines[p.Line-1]
		col := p.Column - 1
		if col < 0 || col > len(line) {
			col = len(line)
		}
		pad := strings.Map(func(r rune) rune {
			if r == '\t' {
				return '\t'
			}
			return ' '
		}, line[:col])
		s += fmt.Sprintf("\n    %d | %s\n    %s | %s^", p.Line, line, strings.Repeat(" ", len(strconv.Itoa(p.Line))), pad)
	}
	return s
}

// declNames returns the names a declaration chunk declares at package level
// (not methods).
func declNames(decl string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+decl, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// virtualTypeString prints t for the virtual package: session types by
// their own names, other packages' types through an alias import.
func virtualTypeString(t types.Type, virtual *types.Package) string {
	s, _ := virtualType(t, virtual)
	return s
}

func virtualType(t types.Type, virtual *types.Package) (string, map[string]string) {
	imports := map[string]string{}
	w := typeWriter{
		named: func(obj *types.TypeName) string {
			if obj.Pkg() == virtual {
				return obj.Name()
			}
			a := importAlias(obj.Pkg().Path())
			imports[a] = obj.Pkg().Path()
			return a + "." + obj.Name()
		},
		field: func(f *types.Var) string { return f.Name() },
	}
	return w.String(t), imports
}

// displayTypeString prints t as a user reads it: fmt.Stringer, []point.
func displayTypeString(t types.Type, virtual *types.Package) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == virtual {
			return ""
		}
		return p.Name()
	})
}

// constValue prints a constant's value as Go source that keeps its kind.
func constValue(c *types.Const) string {
	v := c.Val()
	switch v.Kind() {
	case constant.String:
		return strconv.Quote(constant.StringVal(v))
	case constant.Float:
		s := v.ExactString()
		if i := strings.Index(s, "/"); i > 0 {
			return "(" + s[:i] + ".0" + s[i:] + ")"
		}
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s
	case constant.Complex:
		return v.ExactString()
	}
	return v.ExactString()
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
