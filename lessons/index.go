package lessons

import (
	"fmt"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

// Lesson is one notebook of the course.
type Lesson struct {
	Number   int
	Title    string
	Notebook string        // path under notebooks/
	Runtime  time.Duration // at full scale on 2 cores, as measured
	Topics   []string
}

// Index is the course in order. Runtime is the wall time of `lingo run` at
// full scale measured on a shared 2-core machine; zero until measured.
var Index = []Lesson{
	{0, "A tour of the kernel", "00-tour.ipynb", 40 * time.Second, []string{"cells and state", "rich display", "magics", "interrupts"}},
	{1, "WordNet", "01-wordnet.ipynb", 70 * time.Second, []string{"synsets", "hypernyms", "similarity", "limits of WordNet"}},
	{2, "Word vectors", "02-word-vectors.ipynb", 28 * time.Second, []string{"one-hot", "distributional hypothesis", "co-occurrence", "the objective"}},
	{3, "word2vec", "03-word2vec.ipynb", 93 * time.Second, []string{"skip-gram", "CBOW", "negative sampling", "analogies"}},
	{4, "n-gram language models", "04-ngram-lm.ipynb", 55 * time.Second, []string{"Markov assumption", "smoothing", "Kneser–Ney", "sparsity"}},
	{5, "Neural language models", "05-neural-lm.ipynb", 52 * time.Second, []string{"fixed window", "the lecture's four-word window and its drawbacks", "RNN", "LSTM", "vanishing gradients"}},
	{6, "Transformer language models", "06-transformer-lm.ipynb", 71 * time.Second, []string{"self-attention", "positions", "generation", "the context window"}},
	{7, "Seq2seq translation", "07-seq2seq-mt.ipynb", 592 * time.Second, []string{"MT history", "noisy channel, Chinese → English", "encoder–decoder", "attention", "beam search", "BLEU"}},
	{8, "LLM pretraining and instruction tuning", "08-llm-pretraining-sft.ipynb", 488 * time.Second, []string{"the lecture's model table", "data mixtures", "transfer", "SFT", "few-shot and chain of thought", "multi-turn chat", "tensor and pipeline parallelism"}},
	{9, "RLHF and DPO", "09-rlhf.ipynb", 0, []string{"reward model", "PPO", "DPO"}},
}

// Course is the index as a displayable table.
type Course []Lesson

// Render shows the course as a table.
func (c Course) Render() plots.Bundle {
	t := plots.NewTable("#", "lesson", "notebook", "topics")
	for _, l := range c {
		t.Row(fmt.Sprintf("%02d", l.Number), l.Title, l.Notebook, strings.Join(l.Topics, ", "))
	}
	return t.Render()
}
