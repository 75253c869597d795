package word2vec_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/vec"
	"github.com/lingo-nlp/lingo/nlp/word2vec"
)

// The package's usage: train skip-gram on a text file's sentences, query
// it, save it in the C tool's binary format.
func Example() {
	ctx := context.Background()
	f := strings.NewReader(strings.Repeat("the cat chased a mouse\nthe dog chased a ball\nthe cat sleeps\nthe dog sleeps\na bank lends money\n", 200))
	sentences, err := word2vec.ReadCorpus(f) // one sentence per line
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := word2vec.Config{Dim: 16, Window: 2, MinCount: 1, NoSample: true, SG: true, Workers: 1, Seed: 1}
	m, err := word2vec.Train(ctx, sentences, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	sims, err := m.MostSimilar([]string{"cat"}, nil, 1)
	fmt.Println(len(sentences), "sentences,", m.Len(), "words; nearest to cat:", sims[0].Word, err)
	path := filepath.Join(os.TempDir(), "lingo-example-vectors.bin")
	err = m.SaveWord2VecFormat(path, true)
	defer os.Remove(path)
	kv, _ := vec.LoadWord2VecFormat(path, true)
	fmt.Println("saved and loaded back:", kv.Len(), "words", err)
	// Output:
	// 1000 sentences, 11 words; nearest to cat: dog <nil>
	// saved and loaded back: 11 words <nil>
}

func ExampleTrain() {
	var corpus [][]string
	for i := 0; i < 200; i++ {
		corpus = append(corpus,
			strings.Fields("the cat chased a mouse"),
			strings.Fields("the dog chased a ball"),
			strings.Fields("a bank lends money"),
			strings.Fields("the bank holds money"))
	}
	m, err := word2vec.Train(context.Background(), corpus, word2vec.Config{
		Dim: 16, Window: 2, MinCount: 1, NoSample: true, SG: true, Workers: 1, Epochs: 20,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sims, _ := m.MostSimilar([]string{"cat"}, nil, 1)
	fmt.Println(m.Len(), "words; nearest to cat:", sims[0].Word)
	// Output: 11 words; nearest to cat: dog
}

func ExampleSoftmaxProbs() {
	vc := []float64{1, 0}
	U := [][]float64{{2, 0}, {0, 2}, {-2, 0}} // u_w for three outside words
	for w, p := range word2vec.SoftmaxProbs(vc, U) {
		fmt.Printf("P(w%d|c) = %.3f\n", w, p)
	}
	// Output:
	// P(w0|c) = 0.867
	// P(w1|c) = 0.117
	// P(w2|c) = 0.016
}

func ExampleKWIC() {
	corpus := [][]string{
		strings.Fields("government debt problems turning into banking crises as happened"),
		strings.Fields("europe needs unified banking regulation to replace the hodgepodge"),
	}
	fmt.Print(word2vec.KWIC(corpus, "banking", 3, 0))
	// Output:
	// problems turning into  banking  crises as happened
	//  europe needs unified  banking  regulation to replace
	// (2 of 2 occurrences of "banking")
}

func ExampleCountCooccurrence() {
	corpus := [][]string{
		strings.Fields("i like deep learning"),
		strings.Fields("i like nlp"),
		strings.Fields("i enjoy flying"),
	}
	c, _ := word2vec.CountCooccurrence(corpus, 1, 0)
	fmt.Println(c.Count("i", "like"), c.Count("like", "deep"), c.Count("i", "flying"))
	// Output: 2 1 0
}
