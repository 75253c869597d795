package training_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/training"
	"github.com/lingo-nlp/lingo/plots"
)

// The package's usage: a small LSTM language model trained with
// validation, early stopping and the best parameters kept; the history
// shows the loss curves and says where the held-out loss was lowest.
func Example() {
	ctx := context.Background()
	text := strings.Repeat("the cat sat on the mat. the dog ate the bone. ", 40)
	v := lm.NewVocab(text, lm.Chars, 1)
	ids, val := v.Encode(text[:1600]), v.Encode(text[1600:])
	m, err := lm.NewRNN(v, lm.RNNConfig{Cell: lm.LSTM, Dim: 16, Hidden: 32, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	task := &lm.Task{Model: m, Train: ids, Val: val}
	hist, err := training.Run(ctx, task, training.Config{Steps: 200, LR: 3e-3,
		Patience: 5, KeepBest: true, Reporter: plots.NewProgress(200, "LSTM")})
	if err != nil {
		fmt.Println(err)
		return
	}
	plots.Display(hist) // the loss curves
	fmt.Println(hist.Best < hist.First("val loss"), hist.BestStep > 0)
	// Output: true true
}
