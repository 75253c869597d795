package cell

import (
	"bytes"
	"fmt"
	"go/types"
	"strconv"
)

// typeWriter prints a type as Go source, with callbacks that say how to
// name a named type and a struct field in the file the text is for. The
// cell compiler prints each type twice: once for the session's virtual
// package (original names) and once for generated code (mangled names,
// qualified by the cell package that declares them).
type typeWriter struct {
	qualify func(obj *types.TypeName) string // qualified name of a named type
	field   func(f *types.Var) string        // name of a struct field or method
}

func (w typeWriter) String(t types.Type) string {
	var b bytes.Buffer
	w.write(&b, t, nil)
	return b.String()
}

// write prints t; seen holds the structs and interfaces being printed, to
// cut cycles.
func (w typeWriter) write(b *bytes.Buffer, t types.Type, seen []types.Type) {
	for _, s := range seen {
		if s == t {
			b.WriteString("any /* cycle */")
			return
		}
	}
	switch t := t.(type) {
	case *types.Basic:
		b.WriteString(basicName(t))
	case *types.Alias:
		w.write(b, types.Unalias(t), seen)
	case *types.Named:
		w.named(b, t, seen)
	case *types.Pointer:
		b.WriteByte('*')
		w.write(b, t.Elem(), seen)
	case *types.Slice:
		b.WriteString("[]")
		w.write(b, t.Elem(), seen)
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		w.write(b, t.Elem(), seen)
	case *types.Map:
		b.WriteString("map[")
		w.write(b, t.Key(), seen)
		b.WriteByte(']')
		w.write(b, t.Elem(), seen)
	case *types.Chan:
		w.chan_(b, t, seen)
	case *types.Signature:
		b.WriteString("func")
		w.signature(b, t, seen)
	case *types.Struct:
		w.struct_(b, t, append(seen, t))
	case *types.Interface:
		w.interface_(b, t, append(seen, t))
	case *types.Union:
		w.union(b, t, seen)
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	case *types.Tuple:
		w.tuple(b, t, false, seen)
	default:
		b.WriteString(t.String())
	}
}

// basicName names a basic type; an untyped constant's type is its default.
func basicName(t *types.Basic) string {
	switch t.Kind() {
	case types.UntypedBool:
		return "bool"
	case types.UntypedInt:
		return "int"
	case types.UntypedRune:
		return "rune"
	case types.UntypedFloat:
		return "float64"
	case types.UntypedComplex:
		return "complex128"
	case types.UntypedString:
		return "string"
	case types.UntypedNil:
		return "any"
	}
	return t.Name()
}

// named prints a named type, qualified by the callback, with its type
// arguments.
func (w typeWriter) named(b *bytes.Buffer, t *types.Named, seen []types.Type) {
	obj := t.Obj()
	if obj.Pkg() == nil {
		b.WriteString(obj.Name())
	} else {
		b.WriteString(w.qualify(obj))
	}
	if args := t.TypeArgs(); args != nil && args.Len() > 0 {
		b.WriteByte('[')
		for i := 0; i < args.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			w.write(b, args.At(i), seen)
		}
		b.WriteByte(']')
	}
}

func (w typeWriter) chan_(b *bytes.Buffer, t *types.Chan, seen []types.Type) {
	switch t.Dir() {
	case types.SendRecv:
		b.WriteString("chan ")
	case types.SendOnly:
		b.WriteString("chan<- ")
	case types.RecvOnly:
		b.WriteString("<-chan ")
	}
	if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
		b.WriteByte('(') // chan (<-chan int), not chan<- chan int
		w.write(b, t.Elem(), seen)
		b.WriteByte(')')
	} else {
		w.write(b, t.Elem(), seen)
	}
}

func (w typeWriter) struct_(b *bytes.Buffer, t *types.Struct, seen []types.Type) {
	b.WriteString("struct{")
	for i := 0; i < t.NumFields(); i++ {
		f := t.Field(i)
		if i > 0 {
			b.WriteString("; ")
		}
		if !f.Embedded() {
			b.WriteString(w.field(f))
			b.WriteByte(' ')
		}
		w.write(b, f.Type(), seen)
		if tag := t.Tag(i); tag != "" {
			b.WriteByte(' ')
			b.WriteString(strconv.Quote(tag))
		}
	}
	b.WriteByte('}')
}

func (w typeWriter) interface_(b *bytes.Buffer, t *types.Interface, seen []types.Type) {
	b.WriteString("interface{")
	n := 0
	for i := 0; i < t.NumEmbeddeds(); i++ {
		if n > 0 {
			b.WriteString("; ")
		}
		w.write(b, t.EmbeddedType(i), seen)
		n++
	}
	for i := 0; i < t.NumExplicitMethods(); i++ {
		m := t.ExplicitMethod(i)
		if n > 0 {
			b.WriteString("; ")
		}
		b.WriteString(w.field(types.NewVar(m.Pos(), m.Pkg(), m.Name(), m.Type())))
		w.signature(b, m.Type().(*types.Signature), seen)
		n++
	}
	b.WriteByte('}')
}

func (w typeWriter) union(b *bytes.Buffer, t *types.Union, seen []types.Type) {
	for i := 0; i < t.Len(); i++ {
		if i > 0 {
			b.WriteString(" | ")
		}
		if t.Term(i).Tilde() {
			b.WriteByte('~')
		}
		w.write(b, t.Term(i).Type(), seen)
	}
}

func (w typeWriter) signature(b *bytes.Buffer, s *types.Signature, seen []types.Type) {
	w.tuple(b, s.Params(), s.Variadic(), seen)
	if r := s.Results(); r.Len() == 1 {
		b.WriteByte(' ')
		w.write(b, r.At(0).Type(), seen)
	} else if r.Len() > 1 {
		b.WriteByte(' ')
		w.tuple(b, r, false, seen)
	}
}

func (w typeWriter) tuple(b *bytes.Buffer, t *types.Tuple, variadic bool, seen []types.Type) {
	b.WriteByte('(')
	for i := 0; i < t.Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		typ := t.At(i).Type()
		if variadic && i == t.Len()-1 {
			b.WriteString("...")
			if s, ok := typ.(*types.Slice); ok {
				typ = s.Elem()
			}
		}
		w.write(b, typ, seen)
	}
	b.WriteByte(')')
}
