package metrics_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/metrics"
)

// The example of sacreBLEU's README: three hypotheses with two references each.
func ExampleCorpusBLEU() {
	hyps := []string{"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."}
	refs := [][]string{
		{"The dog bit the man.", "The dog had bit the man."},
		{"It was not unexpected.", "No one was surprised."},
		{"The man bit him first.", "The man had bitten the dog."},
	}
	s, err := metrics.CorpusBLEU(hyps, refs) // refs[i] are the references of hyps[i]
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	fmt.Println(s.Signature)
	c, _ := metrics.CorpusCHRF(hyps, refs)
	fmt.Println(c)
	hyp, ref := hyps[0], refs[0][1]
	b, _ := metrics.SentenceBLEU(hyp, ref)
	fmt.Printf("%.2f\n", b.Score)
	// Output:
	// BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
	// BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:lingo-1
	// chrF2 = 59.73
	// 51.15
}

// Sentence BLEU needs smoothing: without it one missing 4-gram gives 0.
func ExampleSentenceBLEU() {
	s, _ := metrics.SentenceBLEU("the cat sat on a mat", "the cat sat on the mat")
	fmt.Printf("%.2f\n", s.Score)
	s, _ = metrics.BLEU{Smooth: metrics.SmoothNone}.Sentence("the cat is here", "the cat sat here")
	fmt.Printf("%.2f\n", s.Score)
	// Output:
	// 53.73
	// 0.00
}

func ExampleTokenize13a() {
	fmt.Println(metrics.Tokenize13a("It costs $3.50, doesn't it?"))
	// Output: It costs $ 3.50 , doesn't it ?
}

// NLTK's corpus_bleu works on tokens and returns a fraction.
func ExampleNLTKCorpusBLEU() {
	refs := [][][]string{{{"the", "cat", "sat", "on", "the", "mat"}}}
	hyps := [][]string{{"the", "cat", "sat", "on", "a", "mat"}}
	b, _ := metrics.NLTKCorpusBLEU(refs, hyps, metrics.NLTKConfig{})
	fmt.Printf("%.4f\n", b)
	// Output: 0.5373
}
