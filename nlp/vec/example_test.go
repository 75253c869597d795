package vec_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/lingo-nlp/lingo/nlp/vec"
)

// The package's usage: vectors in the word2vec text format, neighbours,
// an analogy, and the accuracy on an analogy test file.
func Example() {
	dir, _ := os.MkdirTemp("", "vec-example")
	defer os.RemoveAll(dir)
	path, questions := filepath.Join(dir, "vectors.txt"), filepath.Join(dir, "questions-words.txt")
	os.WriteFile(path, []byte("5 2\nking 0.9 0.8\nqueen 0.9 -0.8\nman 0.1 0.9\nwoman 0.1 -0.9\napple -1 0.1\n"), 0o644)
	os.WriteFile(questions, []byte(": family\nman woman king queen\nking queen man woman\n"), 0o644)

	kv, err := vec.LoadWord2VecFormat(path, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	sims, err := kv.MostSimilar([]string{"king", "woman"}, []string{"man"}, 1)
	fmt.Printf("king − man + woman ≈ %s (%.3f) %v\n", sims[0].Word, sims[0].Similarity, err)
	res, err := kv.EvaluateWordAnalogies(questions, 30000)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Score)
	// Output:
	// king − man + woman ≈ queen (0.946) <nil>
	// 1
}

func ExampleOneHot() {
	cat, dog := vec.OneHot(0, 4), vec.OneHot(1, 4)
	fmt.Println(cat, vec.Cosine(cat, dog))
	// Output: [1 0 0 0] 0
}

func ExampleKeyedVectors_MostSimilar() {
	kv, _ := vec.New(2)
	_ = kv.Add("king", []float32{0.9, 0.8})
	_ = kv.Add("queen", []float32{0.9, -0.8})
	_ = kv.Add("man", []float32{0.1, 0.9})
	_ = kv.Add("woman", []float32{0.1, -0.9})
	_ = kv.Add("apple", []float32{-1, 0.1})
	// king − man + woman ≈ queen
	sims, _ := kv.MostSimilar([]string{"king", "woman"}, []string{"man"}, 1)
	fmt.Printf("%s %.3f\n", sims[0].Word, sims[0].Similarity)
	// Output: queen 0.946
}

func ExampleKeyedVectors_DoesntMatch() {
	kv, _ := vec.New(2)
	_ = kv.Add("breakfast", []float32{1, 0.1})
	_ = kv.Add("lunch", []float32{1, 0.2})
	_ = kv.Add("dinner", []float32{0.9, 0.1})
	_ = kv.Add("cereal", []float32{0.1, 1})
	odd, _ := kv.DoesntMatch([]string{"breakfast", "cereal", "dinner", "lunch"})
	fmt.Println(odd)
	// Output: cereal
}
