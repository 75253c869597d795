//go:build !cgo || !(linux || darwin)

package autograd

import (
	"errors"

	"gonum.org/v1/gonum/blas/gonum"
)

// Without cgo (or on a system without dlopen) no C BLAS can be loaded:
// matrix products run in pure Go.

type cblas struct{ gonum.Implementation }

func openCBLAS(string) (cblas, error) {
	return cblas{}, errors.New("built without cgo (CGO_ENABLED=0), so no C library can be loaded")
}

func cblasSetThreads(int) bool { return false }

// Name is never reached in practice (openCBLAS always fails here); it
// lets BLASName treat both builds alike.
func (cblas) Name() string { return "no C BLAS" }
