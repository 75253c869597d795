package autograd

import "fmt"

// A ShapeError reports tensors whose shapes do not fit an op. Ops panic with
// a *ShapeError (shape mistakes are programming errors, like an index out of
// range); Catch turns such a panic back into an error.
type ShapeError struct {
	Op  string // the op that was called, e.g. "MatMul"
	Msg string // what did not fit, naming the shapes involved
}

func (e *ShapeError) Error() string { return "autograd: " + e.Op + ": " + e.Msg }

func shapePanic(op, format string, args ...any) {
	panic(&ShapeError{Op: op, Msg: fmt.Sprintf(format, args...)})
}

// Catch runs f and returns the *ShapeError it panicked with, if any, so
// code that builds a model from user-supplied sizes can report a mistake
// instead of crashing. Other panics are passed on.
func Catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if se, ok := r.(*ShapeError); ok {
				err = se
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}
