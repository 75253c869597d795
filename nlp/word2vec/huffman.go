package word2vec

// huffman holds, for hierarchical softmax, each word's path from the root
// of a Huffman tree built on the counts: the inner nodes visited (rows of
// Syn1) and the branch taken at each (0 or 1), as in the C tool.
type huffman struct {
	codes  [][]uint8
	points [][]int32
}

// newHuffman builds the tree for counts sorted in descending order.
func newHuffman(counts []int64) *huffman {
	n := len(counts)
	h := &huffman{codes: make([][]uint8, n), points: make([][]int32, n)}
	if n < 2 {
		return h // a single word needs no decisions
	}
	// Nodes 0…n−1 are leaves (descending counts), n…2n−2 inner nodes,
	// created in ascending count order; two cursors walk both lists.
	count := make([]int64, 2*n-1)
	copy(count, counts)
	parent := make([]int32, 2*n-1)
	branch := make([]uint8, 2*n-1)
	leaf, inner := n-1, n
	pick := func(next int) int {
		if leaf >= 0 && (inner >= next || count[leaf] < count[inner]) {
			leaf--
			return leaf + 1
		}
		inner++
		return inner - 1
	}
	for next := n; next < 2*n-1; next++ {
		a := pick(next)
		b := pick(next)
		count[next] = count[a] + count[b]
		parent[a], parent[b] = int32(next), int32(next)
		branch[b] = 1
	}
	root := int32(2*n - 2)
	for w := 0; w < n; w++ {
		var code []uint8
		var point []int32
		for node := int32(w); node != root; node = parent[node] {
			code = append(code, branch[node])
			point = append(point, parent[node]-int32(n))
		}
		// root first
		for i, j := 0, len(code)-1; i < j; i, j = i+1, j-1 {
			code[i], code[j] = code[j], code[i]
			point[i], point[j] = point[j], point[i]
		}
		h.codes[w], h.points[w] = code, point
	}
	return h
}
