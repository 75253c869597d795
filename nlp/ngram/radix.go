package ngram

// radixSort sorts keys by their low keyBits bits (the others must be 0)
// and permutes vals the same way; kbuf and vbuf are scratch of the same
// length. It returns the sorted slices, which are either the inputs or the
// scratch buffers.
//
// It is a least-significant-digit radix sort: the key is cut into d-bit
// digits (d ≤ radixMaxBits) and the pairs are distributed by each digit in
// turn, lowest first, with a stable counting sort, so after the last pass
// they are ordered by the whole key. One pass over the keys counts every
// digit's histogram up front; a digit that is the same in every key is
// skipped. Cost: O(passes · n) with passes = ⌈keyBits / d⌉, no comparisons.
func radixSort(keys []uint64, vals, kbuf, vbuf []uint64, keyBits int) ([]uint64, []uint64) {
	n := len(keys)
	if n < 2 || keyBits <= 0 {
		return keys, vals
	}
	passes := (keyBits + radixMaxBits - 1) / radixMaxBits
	d := (keyBits + passes - 1) / passes
	size := 1 << d
	mask := uint64(size - 1)
	hist := make([]int, passes*size)
	for _, k := range keys {
		for p := range passes {
			hist[p*size+int(k>>(p*d)&mask)]++
		}
	}
	for p := range passes {
		h := hist[p*size : (p+1)*size]
		if h[keys[0]>>(p*d)&mask] == n {
			continue // every key has this digit
		}
		sum := 0
		for b, c := range h { // bucket starts
			h[b] = sum
			sum += c
		}
		shift := p * d
		for i, k := range keys {
			b := k >> shift & mask
			j := h[b]
			h[b]++
			kbuf[j], vbuf[j] = k, vals[i]
		}
		keys, kbuf = kbuf, keys
		vals, vbuf = vbuf, vals
	}
	return keys, vals
}

// radixMaxBits is the widest digit: 2^11 buckets keep the histogram and the
// write positions in the L1/L2 cache.
const radixMaxBits = 11
