package cell

import (
	"go/types"
	"strings"
	"unicode"
)

func lookupPkgName(r *checkResult, name string) (*types.Package, bool) {
	for _, is := range r.file.Imports {
		var obj types.Object
		if is.Name != nil {
			obj = r.info.Defs[is.Name]
		} else {
			obj = r.info.Implicits[is]
		}
		if pn, ok := obj.(*types.PkgName); ok && pn.Name() == name {
			return pn.Imported(), true
		}
	}
	return nil, false
}

// Inspect describes the name at cursor (a rune offset into code): the
// declaration of a session name or the type of an expression, as text; for
// a package member it returns doc, the "importpath.Name" whose go doc the
// caller shows instead. Both are empty when nothing is found.
func Inspect(st *State, imp types.Importer, code string, cursor int) (text, doc string) {
	r := []rune(code)
	if cursor > len(r) {
		cursor = len(r)
	}
	end := cursor
	for end < len(r) && (unicode.IsLetter(r[end]) || unicode.IsDigit(r[end]) || r[end] == '_') {
		end++
	}
	expr, prefix, _ := wordBefore(string(r[:end]), end)
	name := prefix
	if expr != "" {
		name = expr + "." + prefix
	}
	if name == "" {
		return "", ""
	}
	ck := sessionCheck(st, imp, "")
	o := st.objs[name]
	switch {
	case o != nil:
		text = strings.ReplaceAll(o.src, "{ panic(0) }", "")
		if o.kind == "var" {
			text = "var " + name + " " + strings.ReplaceAll(o.typ, Mark+"i_", "")
		}
	case expr != "":
		path := ""
		if ck != nil && ck.pkg != nil {
			if p, ok := lookupPkgName(ck, expr); ok {
				path = p.Path()
			}
		}
		if path == "" {
			if p, ok := st.autoImport(expr); ok {
				path = p
			}
		}
		if path != "" {
			return "", path + "." + prefix
		}
		if ck != nil && ck.pkg != nil {
			if tv, err := ck.evalIn(name); err == nil && tv.Type != nil {
				text = name + " " + displayTypeString(tv.Type, ck.pkg)
			}
		}
	default:
		if ck != nil && ck.pkg != nil {
			if tv, err := ck.evalIn(name); err == nil && tv.Type != nil {
				text = name + " " + displayTypeString(tv.Type, ck.pkg)
			}
		}
	}
	return CleanNames(text), ""
}
