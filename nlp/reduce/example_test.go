package reduce_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/reduce"
	"github.com/lingo-nlp/lingo/plots"
)

// The package's usage: four 3-d vectors that lie on a line but one, by PCA
// (the first component explains most of the variance), and a map of them
// by t-SNE.
func Example() {
	words := []string{"cat", "dog", "car", "bus"}
	vectors := [][]float64{{1, 1, 0}, {2, 2, 0.1}, {3, 3, 0}, {4, 4, 0}}
	y, ratio, err := reduce.PCA(vectors, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d points in 2-d; the first component explains more than 99%%: %v\n", len(y), ratio[0] > 0.99)
	m := reduce.NewEmbeddingMap("word vectors", words, vectors) // PCA
	m.Method = reduce.ByTSNE
	plots.Display(m)
	// Output: 4 points in 2-d; the first component explains more than 99%: true
}
