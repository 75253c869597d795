package llm

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// separable makes texts whose label is whether they contain "good" (1) or
// "bad" (0), among random filler words.
func separable(n int, seed uint64) []Labelled {
	rng := rand.New(rand.NewPCG(seed, 1))
	filler := strings.Fields("the cat sat on a mat near river city with old new blue")
	out := make([]Labelled, n)
	for i := range out {
		w := make([]string, 5)
		for j := range w {
			w[j] = filler[rng.IntN(len(filler))]
		}
		lab := i % 2
		w[rng.IntN(len(w))] = []string{"bad", "good"}[lab]
		out[i] = Labelled{Text: strings.Join(w, " "), Label: lab}
	}
	return out
}

func TestClassifierLearnsASeparableTask(t *testing.T) {
	m, _ := tinyModel(t)
	clf, err := NewClassifier(m, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	train, test := separable(200, 1), separable(100, 2)
	before := clf.Accuracy(test)
	h, err := training.Run(context.Background(), &ClassifyTask{Classifier: clf, Examples: train, Test: test},
		training.Config{Steps: 80, Batch: 16, LR: 1e-2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// One word decides the label: a 1-layer model learns it (≈ 50% before).
	if acc := clf.Accuracy(test); acc < 0.9 {
		t.Errorf("accuracy %.2f after training (%.2f before), want ≥ 0.9; %v", acc, before, h)
	}
	if got := clf.Predict([]string{"", strings.Repeat("good ", 200)}); len(got) != 2 {
		t.Errorf("Predict of an empty and an over-long text: %v", got)
	}
}

func TestTransferStartsFromThePretrainedModelAndLeavesIt(t *testing.T) {
	pre, _ := tinyModel(t)
	flat := func(m *Model) []float32 {
		var out []float32
		for _, p := range m.Params() {
			out = append(out, p.T.Data...)
		}
		return out
	}
	w := flat(pre)
	fine, _ := transferClassifier(pre, 2, true, 3)
	scratch, _ := transferClassifier(pre, 2, false, 3)
	if !slices.Equal(flat(fine.Body), w) || slices.Equal(flat(scratch.Body), w) {
		t.Error("the fine-tuned body must start as the pretrained model, the scratch body must not")
	}
	train, test := separable(16, 1), separable(20, 2)
	c, err := Transfer(context.Background(), pre, train, test, 2, TransferConfig{Sizes: []int{4, 16}, Steps: 3, Batch: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Scratch) != 2 || len(c.FineTuned) != 2 || c.Majority != 0.5 {
		t.Errorf("curve %+v", c)
	}
	if !slices.Equal(flat(pre), w) {
		t.Error("Transfer changed the pretrained model")
	}
	if s := c.Table().String(); !strings.Contains(s, "fine-tuned") || !strings.Contains(c.Render()["text/plain"], "line chart") {
		t.Errorf("rendering:\n%s", s)
	}
}

func TestClassifierErrors(t *testing.T) {
	pre, _ := tinyModel(t)
	if _, err := NewClassifier(pre, 1, 1); err == nil {
		t.Error("one class: no error")
	}
	if _, err := Transfer(context.Background(), pre, separable(4, 1), separable(4, 2), 2, TransferConfig{Sizes: []int{8}}); err == nil {
		t.Error("size beyond the training examples: no error")
	}
	clf, _ := NewClassifier(pre, 2, 1)
	if _, err := training.Run(context.Background(), &ClassifyTask{Classifier: clf, Examples: []Labelled{{"x", 2}}}, training.Config{Steps: 1}); err == nil {
		t.Error("label 2 of 2 classes: no error")
	}
}

// SFTTask trains on given pairs alone (multi-turn conversations here): the
// loss on the last answer falls.
func TestSFTTaskPairs(t *testing.T) {
	m, _ := tinyModel(t)
	exs := []instruct.Example{
		{Task: "a", Instruction: "Compute the result.", Input: "1 + 1", Answer: "2"},
		{Task: "a", Instruction: "Compute the result.", Input: "2 + 2", Answer: "4"},
		{Task: "a", Instruction: "Compute the result.", Input: "3 + 3", Answer: "6"},
	}
	pairs, err := instruct.InstructionChat.Conversations(exs, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	h, err := training.Run(context.Background(), &SFTTask{Model: m, Pairs: pairs}, training.Config{Steps: 30, Batch: 3, LR: 1e-2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	first, last := h.Values("loss")[0], h.Values("loss")[29]
	if !(last < first/2) {
		t.Errorf("loss %.3f → %.3f on three conversations; expected it to halve at least", first, last)
	}
	if _, err := training.Run(context.Background(), &SFTTask{Model: m}, training.Config{Steps: 1}); err == nil {
		t.Error("no examples and no pairs: no error")
	}
}
