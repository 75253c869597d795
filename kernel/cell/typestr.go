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
	named func(obj *types.TypeName) string // qualified name of a named type
	field func(f *types.Var) string        // name of a struct field or method
}

func (w typeWriter) String(t types.Type) string {
	var b bytes.Buffer
	w.write(&b, t, nil)
	return b.String()
}

func (w typeWriter) write(b *bytes.Buffer, t types.Type, seen []types.Type) {
	for _, s := range seen {
		if s == t {
			b.WriteString("any /* cycle */")
			return
		}
	}
	switch t := t.(type) {
	case *types.Basic:
		switch t.Kind() {
		case types.UntypedBool:
			b.WriteString("bool")
		case types.UntypedInt:
			b.WriteString("int")
		case types.UntypedRune:
			b.WriteString("rune")
		case types.UntypedFloat:
			b.WriteString("float64")
		case types.UntypedComplex:
			b.WriteString("complex128")
		case types.UntypedString:
			b.WriteString("string")
		case types.UntypedNil:
			b.WriteString("any")
		default:
			b.WriteString(t.Name())
		}
	case *types.Alias:
		w.write(b, types.Unalias(t), seen)
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() == nil {
			b.WriteString(obj.Name())
		} else {
			b.WriteString(w.named(obj))
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
		switch t.Dir() {
		case types.SendRecv:
			b.WriteString("chan ")
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		}
		if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
			b.WriteByte('(')
			w.write(b, t.Elem(), seen)
			b.WriteByte(')')
		} else {
			w.write(b, t.Elem(), seen)
		}
	case *types.Signature:
		b.WriteString("func")
		w.signature(b, t, seen)
	case *types.Struct:
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
			w.write(b, f.Type(), append(seen, t))
			if tag := t.Tag(i); tag != "" {
				b.WriteByte(' ')
				b.WriteString(strconv.Quote(tag))
			}
		}
		b.WriteByte('}')
	case *types.Interface:
		b.WriteString("interface{")
		n := 0
		for i := 0; i < t.NumEmbeddeds(); i++ {
			if n > 0 {
				b.WriteString("; ")
			}
			w.write(b, t.EmbeddedType(i), append(seen, t))
			n++
		}
		for i := 0; i < t.NumExplicitMethods(); i++ {
			m := t.ExplicitMethod(i)
			if n > 0 {
				b.WriteString("; ")
			}
			b.WriteString(w.field(types.NewVar(m.Pos(), m.Pkg(), m.Name(), m.Type())))
			w.signature(b, m.Type().(*types.Signature), append(seen, t))
			n++
		}
		b.WriteByte('}')
	case *types.Union:
		for i := 0; i < t.Len(); i++ {
			if i > 0 {
				b.WriteString(" | ")
			}
			if t.Term(i).Tilde() {
				b.WriteByte('~')
			}
			w.write(b, t.Term(i).Type(), seen)
		}
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	case *types.Tuple:
		w.tuple(b, t, false, seen)
	default:
		b.WriteString(t.String())
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
