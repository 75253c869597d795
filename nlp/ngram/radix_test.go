package ngram

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRadixSort sorts random keys of several widths, sizes on both sides
// of parallelMin, and keys sharing digits (skipped passes), and
// checks the order, the stability (vals record the original index) and
// that the pairs stay together.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		n, bits int
		shared  uint64 // or-ed into every key: digits all keys share
	}{
		{0, 8, 0}, {1, 8, 0}, {100, 5, 0}, {1000, 20, 0}, {1000, 36, 1 << 30},
		{parallelMin + 7, 36, 0}, {parallelMin * 2, 30, 0}, {parallelMin, 64, 0},
		{parallelMin + 1, 40, 0xff << 30},
	} {
		keys, vals := make([]uint64, tc.n), make([]uint64, tc.n)
		for i := range keys {
			keys[i] = rng.Uint64()&(1<<tc.bits-1)>>(tc.bits/2) | tc.shared // many duplicates
			if tc.bits == 64 {
				keys[i] = rng.Uint64()
			}
			vals[i] = uint64(i)
		}
		orig := slices.Clone(keys)
		bits := tc.bits
		sk, sv := radixSort(keys, vals, make([]uint64, tc.n), make([]uint64, tc.n), bits)
		for i := range sk {
			if sk[i] != orig[sv[i]] {
				t.Fatalf("n=%d bits=%d: pair %d separated", tc.n, tc.bits, i)
			}
			if i > 0 && (sk[i-1] > sk[i] || sk[i-1] == sk[i] && sv[i-1] > sv[i]) {
				t.Fatalf("n=%d bits=%d: not sorted (stably) at %d", tc.n, tc.bits, i)
			}
		}
	}
}
