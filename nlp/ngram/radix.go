package ngram

// radixSort sorts keys by their low keyBits bits (the others must be 0)
// and permutes vals the same way; kbuf and vbuf are scratch of the same
// length. It returns the sorted slices, which are either the inputs or the
// scratch buffers.
//
// It is a least-significant-digit radix sort: the key is cut into d-bit
// digits (d ≤ radixMaxBits) and the pairs are distributed by each digit in
// turn, lowest first, with a stable counting sort, so after the last pass
// they are ordered by the whole key. A digit that is the same in every key
// is skipped. Cost: O(passes · n) with passes = ⌈keyBits / d⌉, no
// comparisons.
//
// Large inputs are split between two goroutines (inParts): each counts
// the digits of its half, then both scatter at once, the first half's
// pairs of each digit value placed before the second half's, which keeps
// the sort stable.
func radixSort(keys, vals, kbuf, vbuf []uint64, keyBits int) ([]uint64, []uint64) {
	n := len(keys)
	if n < 2 || keyBits <= 0 {
		return keys, vals
	}
	passes := (keyBits + radixMaxBits - 1) / radixMaxBits
	d := (keyBits + passes - 1) / passes
	size := 1 << d
	mask := uint64(size - 1)
	parts := numParts(n)
	hist := make([][]int, parts) // hist[h][b]: keys of part h with digit b
	for h := range hist {
		hist[h] = make([]int, size)
	}
	for p := range passes {
		shift := p * d
		inParts(n, func(h, lo, hi int) {
			clear(hist[h])
			for _, k := range keys[lo:hi] {
				hist[h][k>>shift&mask]++
			}
		})
		// Bucket b receives part 0's keys with digit b, then part 1's.
		sum, trivial := 0, false
		for b := range size {
			start := sum
			for h := range parts {
				c := hist[h][b]
				hist[h][b] = sum
				sum += c
			}
			trivial = trivial || sum-start == n // every key has this digit
		}
		if trivial {
			continue
		}
		inParts(n, func(h, lo, hi int) {
			next := hist[h]
			for i := lo; i < hi; i++ {
				k := keys[i]
				b := k >> shift & mask
				j := next[b]
				next[b]++
				kbuf[j], vbuf[j] = k, vals[i]
			}
		})
		keys, kbuf = kbuf, keys
		vals, vbuf = vbuf, vals
	}
	return keys, vals
}

// radixMaxBits is the widest digit: 2^11 buckets keep the counts and the
// write positions in the L1/L2 cache.
const radixMaxBits = 11
