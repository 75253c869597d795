package vec_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/vec"
)

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
