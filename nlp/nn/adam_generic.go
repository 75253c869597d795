//go:build !(goexperiment.simd && amd64)

package nn

func adamUpdate(theta, g, m, v []float32, c adamCoef) { adamScalar(theta, g, m, v, c) }

// allFinite reports whether every x is finite.
func allFinite(xs []float32) bool { return allFiniteScalar(xs) }
