package wordnet_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// TestMain skips the examples (which need the database for their
// output) when WordNet 3.0 is not installed; the tests skip themselves.
func TestMain(m *testing.M) {
	flag.Parse()
	if _, err := os.Stat("/usr/share/wordnet/index.noun"); err != nil && flag.Lookup("test.run").Value.String() == "" {
		fmt.Fprintln(os.Stderr, "wordnet: /usr/share/wordnet missing (apt-get install wordnet-base); skipping examples")
		flag.Set("test.run", "^(Test|Fuzz)")
	}
	os.Exit(m.Run())
}

// The package's usage: open the database, look up synsets, follow
// hypernyms, compare two meanings.
func Example() {
	wn, err := wordnet.Open("") // finds /usr/share/wordnet
	if err != nil {
		fmt.Println(err)
		return
	}
	good := wn.Synsets("good", wordnet.AnyPOS)
	panda, err := wn.Synset("panda.n.01")
	if err != nil {
		fmt.Println(err)
		return
	}
	chain := panda.Closure((*wordnet.Synset).Hypernyms, -1)
	dog, _ := wn.Synset("dog.n.01")
	cat, _ := wn.Synset("cat.n.01")
	sim := dog.PathSimilarity(cat)
	fmt.Println(len(good), "synsets of good;", panda.Name(), "has", len(chain), "hypernyms up to", chain[len(chain)-1].Name())
	fmt.Println("path similarity of dog and cat:", sim)
	// Output:
	// 27 synsets of good; giant_panda.n.01 has 13 hypernyms up to entity.n.01
	// path similarity of dog and cat: 0.2
}

// The lecture's first example: every synset of "good", with its lemmas.
func ExampleWordNet_Synsets() {
	wn, err := wordnet.Open("/usr/share/wordnet")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range wn.Synsets("good", wordnet.AnyPOS)[:6] {
		fmt.Printf("%s: %s\n", s.POS().Name(), strings.Join(s.LemmaNames(), ", "))
	}
	// Output:
	// noun: good
	// noun: good, goodness
	// noun: good, goodness
	// noun: commodity, trade_good, good
	// adj: good
	// adj (s): full, good
}

// The lecture's second example: the hypernyms of "panda", nearest first.
func ExampleSynset_Closure() {
	wn, _ := wordnet.Open("/usr/share/wordnet")
	panda, err := wn.Synset("panda.n.01")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(panda.Closure((*wordnet.Synset).Hypernyms, -1))
	// Output:
	// [Synset('procyonid.n.01') Synset('carnivore.n.01') Synset('placental.n.01') Synset('mammal.n.01') Synset('vertebrate.n.01') Synset('chordate.n.01') Synset('animal.n.01') Synset('organism.n.01') Synset('living_thing.n.01') Synset('whole.n.02') Synset('object.n.01') Synset('physical_entity.n.01') Synset('entity.n.01')]
}

// Three similarity measures for dog and cat (NLTK 3.8 gives the same).
func ExampleSynset_PathSimilarity() {
	wn, _ := wordnet.Open("/usr/share/wordnet")
	dog, _ := wn.Synset("dog.n.01")
	cat, _ := wn.Synset("cat.n.01")
	fmt.Println(dog.LowestCommonHypernyms(cat))
	fmt.Printf("path %.4f  lch %.4f  wup %.4f\n", dog.PathSimilarity(cat), dog.LCHSimilarity(cat), dog.WuPalmerSimilarity(cat))
	// Output:
	// [Synset('carnivore.n.01')]
	// path 0.2000  lch 2.0281  wup 0.8571
}

func ExampleWordNet_Morphy() {
	wn, _ := wordnet.Open("/usr/share/wordnet")
	for _, w := range []string{"dogs", "churches", "geese", "ran", "better", "aardwolves"} {
		fmt.Print(wn.Morphy(w, wordnet.AnyPOS), " ")
	}
	fmt.Println()
	// Output:
	// dog church goose run better aardwolf
}

// Lexical relations hold between lemmas (values as in NLTK 3.8).
func ExampleLemma_Antonyms() {
	wn, _ := wordnet.Open("/usr/share/wordnet")
	good, _ := wn.Lemma("good.a.01.good")
	fmt.Println(good.Antonyms(), good.Count())
	fmt.Println(good.DerivationallyRelatedForms())
	// Output:
	// [Lemma('bad.a.01.bad')] 190
	// [Lemma('good.n.03.goodness')]
}

func ExampleSynset_Tree() {
	wn, _ := wordnet.Open("/usr/share/wordnet")
	dog, _ := wn.Synset("dog.n.01")
	fmt.Println(dog.Tree((*wordnet.Synset).Hypernyms, 4))
	// Output:
	// dog.n.01
	// ├── canine.n.02
	// │   └── carnivore.n.01
	// │       └── placental.n.01
	// │           └── mammal.n.01
	// └── domestic_animal.n.01
	//     └── animal.n.01
	//         └── organism.n.01
	//             └── living_thing.n.01
}

func ExampleWordNet_SimilarityMatrix() {
	wn, _ := wordnet.Open("/usr/share/wordnet")
	m, err := wn.SimilarityMatrix([]string{"dog", "cat", "car"}, wordnet.Noun, (*wordnet.Synset).PathSimilarity)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, row := range m.Values {
		fmt.Printf("%-4s %.3f %.3f %.3f\n", m.Labels[i], row[0], row[1], row[2])
	}
	// Output:
	// dog  1.000 0.200 0.077
	// cat  0.200 1.000 0.056
	// car  0.077 0.056 1.000
}
