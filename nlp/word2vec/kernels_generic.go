//go:build !(goexperiment.simd && amd64)

package word2vec

// SIMD reports whether training uses the 8-wide float32 kernels (built
// with GOEXPERIMENT=simd on amd64, and the CPU has AVX2 and FMA).
const SIMD = false

// dot returns a·b; len(b) must be ≥ len(a).
func dot(a, b []float32) float32 { return dotGeneric(a, b) }

// axpy computes y += a·x; len(y) must be ≥ len(x).
func axpy(a float32, x, y []float32) { axpyGeneric(a, x, y) }

// update: see updateGeneric.
func update(g float32, h, u, e, next []float32) float32 { return updateGeneric(g, h, u, e, next) }

// flush: see flushGeneric.
func flush(x, y, a, b []float32) float32 { return flushGeneric(x, y, a, b) }

// dot6: see dot6Generic.
func dot6(h []float32, u *[6][]float32) [6]float32 { return dot6Generic(h, u) }

// update6: see update6Generic.
func update6(g *[6]float32, h, e []float32, u *[6][]float32) { update6Generic(g, h, e, u) }

// add computes y += x; len(y) must be ≥ len(x).
func add(x, y []float32) { addGeneric(x, y) }

// sumRows: see sumRowsGeneric.
func sumRows(h []float32, rows [][]float32) { sumRowsGeneric(h, rows) }

// addToRows: see addToRowsGeneric.
func addToRows(e []float32, rows [][]float32) { addToRowsGeneric(e, rows) }

// merge: see mergeGeneric.
func merge(shared, private, base []float32) { mergeGeneric(shared, private, base) }
