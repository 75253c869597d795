package wordnet

import "testing"

// Benchmarks on Debian's WordNet 3.0. testdata/bench_nltk.py runs the same
// lookups in NLTK 3.8 and nlp/wordnet side by side.

func BenchmarkOpen(b *testing.B) {
	openTest(b)
	for b.Loop() {
		wn, err := Open("/usr/share/wordnet")
		if err != nil {
			b.Fatal(err)
		}
		wn.Close()
	}
}

var benchWords = []string{"dog", "good", "run", "bank", "churches", "ran", "hot_dog", "quickly", "panda", "beautiful"}

func BenchmarkSynsetsWarm(b *testing.B) {
	wn := openTest(b)
	for b.Loop() {
		for _, w := range benchWords {
			wn.Synsets(w, AnyPOS)
		}
	}
}

func BenchmarkMorphy(b *testing.B) {
	wn := openTest(b)
	for b.Loop() {
		for _, w := range []string{"churches", "geese", "running", "happiest", "aardwolves"} {
			wn.Morphy(w, AnyPOS)
		}
	}
}

func BenchmarkSimilarity(b *testing.B) {
	wn := openTest(b)
	dog, _ := wn.Synset("dog.n.01")
	cat, _ := wn.Synset("cat.n.01")
	run, _ := wn.Synset("run.v.01")
	walk, _ := wn.Synset("walk.v.01")
	dog.LCHSimilarity(cat) // the taxonomy depth is computed once
	run.LCHSimilarity(walk)
	for _, m := range []struct {
		name string
		f    Similarity
	}{{"path", (*Synset).PathSimilarity}, {"wup", (*Synset).WuPalmerSimilarity}, {"lch", (*Synset).LCHSimilarity}} {
		b.Run(m.name, func(b *testing.B) {
			for b.Loop() {
				m.f(dog, cat)
				m.f(run, walk)
			}
		})
	}
}

func BenchmarkHypernymClosure(b *testing.B) {
	wn := openTest(b)
	dog, _ := wn.Synset("dog.n.01")
	for b.Loop() {
		dog.Closure((*Synset).Hypernyms, -1)
	}
}
