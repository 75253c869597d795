package word2vec_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/word2vec"
)

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
