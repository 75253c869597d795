package ngram_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/ngram"
	"github.com/lingo-nlp/lingo/plots"
)

var corpus = [][]string{
	strings.Fields("today the price of oil rose"),
	strings.Fields("today the company said the price of gold fell"),
	strings.Fields("the students opened their books"),
	strings.Fields("the students opened their exams today"),
	strings.Fields("today the bank opened"),
}

// The package's usage: train a trigram model (interpolated modified
// Kneser–Ney by default), ask for a probability and the next words, score
// held-out text.
func Example() {
	sentences, heldOut := corpus[:4], corpus[4:]
	m, err := ngram.Train(sentences, ngram.Config{Order: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := m.Prob("books", []string{"opened", "their"})
	fmt.Printf("P(books | opened their) = %.3f\n", p)
	plots.Display(m.NextWords([]string{"today", "the"}, 10))
	fmt.Printf("held-out perplexity %.1f\n", m.Perplexity(heldOut))
	// Output:
	// P(books | opened their) = 0.286
	// held-out perplexity 8.7
}

func ExampleTrain() {
	m, err := ngram.Train(corpus, ngram.Config{Order: 3, Smoothing: ngram.MLE})
	if err != nil {
		fmt.Println(err)
		return
	}
	// P(books | opened their) = c(opened their books) / c(opened their •) = 1/2
	fmt.Println(m.Prob("books", []string{"opened", "their"}))
	fmt.Println(m.Count([]string{"the", "price"}))
	// Output:
	// 0.5
	// 2
}

func ExampleModel_NextWords() {
	m, _ := ngram.Train(corpus, ngram.Config{Order: 3, Smoothing: ngram.MLE})
	for _, c := range m.NextWords([]string{"today", "the"}, 3).Words {
		fmt.Printf("%-8s %.3f\n", c.Word, c.Prob)
	}
	// Output:
	// price    0.333
	// bank     0.333
	// company  0.333
}

func ExampleModel_Perplexity() {
	test := [][]string{strings.Fields("the students opened their minds")}
	for _, s := range []ngram.Smoothing{ngram.MLE, ngram.Laplace, ngram.KneserNey, ngram.ModifiedKneserNey} {
		m, _ := ngram.Train(corpus, ngram.Config{Order: 3, Smoothing: s})
		fmt.Printf("%-20v %.2f\n", s, m.Perplexity(test))
	}
	// Output:
	// MLE                  +Inf
	// Laplace              9.67
	// Kneser–Ney           3.85
	// modified Kneser–Ney  5.48
}

func ExampleModel_Explain() {
	m, _ := ngram.Train(corpus, ngram.Config{Order: 3})
	tr := m.Explain("gold", []string{"price", "of"})
	fmt.Printf("P = %.4f, answered by order %d\n", tr.Prob, tr.Answered)
	for _, s := range tr.Steps {
		fmt.Printf("%d %-14s c=%d α=%.3f γ=%.3f\n", s.Order, strings.Join(s.NGram, " "), s.Count, s.Alpha, s.Gamma)
	}
	// Output:
	// P = 0.2312, answered by order 3
	// 1 gold           c=1 α=0.009 γ=0.706
	// 2 of gold        c=1 α=0.077 γ=0.846
	// 3 price of gold  c=1 α=0.148 γ=0.704
}

func ExampleModel_Generate() {
	m, _ := ngram.Train(corpus, ngram.Config{Order: 3})
	g := m.Generate([]string{"<s>", "the"}, 10, ngram.Sampling{Seed: 1, TopK: 3})
	fmt.Println(strings.Join(g.Tokens, " "))
	// Output:
	// price of gold fell </s>
}

// Witten–Bell on "<s> a b </s>": unigrams a, b, </s> seen once (N = 3,
// N1+ = 3, |V| = 4 with <unk>): P(a) = (1 + 3/4)/6, log10 = −0.535;
// P(<unk>) = (3/4)/6. After "a": P(b | a) = (1 + 1·P(b))/2 and β(a) = 1/2.
func ExampleModel_WriteARPA() {
	m, _ := ngram.Train([][]string{{"a", "b"}}, ngram.Config{Order: 2, Smoothing: ngram.WittenBell})
	m.WriteARPA(os.Stdout)
	// Output:
	// \data\
	// ngram 1=5
	// ngram 2=3
	//
	// \1-grams:
	// -0.9030899869919435	<unk>	0
	// -99	<s>	-0.3010299956639812
	// -0.5351132016973492	</s>	0
	// -0.5351132016973492	a	-0.3010299956639812
	// -0.5351132016973492	b	-0.3010299956639812
	//
	// \2-grams:
	// -0.1898795435413146	<s> a
	// -0.1898795435413146	a b
	// -0.1898795435413146	b </s>
	//
	// \end\
}
