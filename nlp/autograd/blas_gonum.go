//go:build !openblas

package autograd

import (
	"fmt"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

func blasName() string {
	switch impl := blas32.Implementation().(type) {
	case gonum.Implementation:
		return "gonum (pure Go)"
	case interface{ Name() string }:
		return impl.Name()
	}
	return fmt.Sprintf("%T (installed with blas32.Use)", blas32.Implementation())
}

// gonum's Sgemm sizes its worker pool from GOMAXPROCS, so there is nothing
// to tell it.
func blasSetThreads(int) {}
