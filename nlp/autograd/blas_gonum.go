//go:build !openblas

package autograd

import (
	"fmt"

	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

func blasName() string {
	if _, ok := blas32.Implementation().(gonum.Implementation); ok {
		return "gonum (pure Go)"
	}
	return fmt.Sprintf("%T (installed with blas32.Use)", blas32.Implementation())
}

// gonum's Sgemm sizes its worker pool from GOMAXPROCS, so there is nothing
// to tell it.
func blasSetThreads(int) {}
