package llm_test

import (
	"context"
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/llm"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// The package's usage, one line per stage of the lesson.
func Example_usage() {
	ctx := context.Background()
	mix, err := llm.NewMixture(nil, llm.Source{Name: "wiki", Weight: 3, Tokens: 3e9}, llm.Source{Name: "web", Weight: 60, Tokens: 410e9})
	if err != nil {
		fmt.Println(err)
		return
	}
	report := mix.Epochs(300e9)
	for _, row := range report.Rows {
		fmt.Printf("%s: %.2f epochs\n", row.Name, row.Epochs)
	}
	pre, err := llm.Pretrain(ctx, llm.PretrainConfig{Corpora: []string{"default"}, Seed: 1}, training.Config{Steps: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := instruct.NewDataset(instruct.DatasetConfig{PerTask: 20, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	train := data.Examples
	hist, err := training.Run(ctx, &llm.SFTTask{Model: pre.Model, Examples: train}, training.Config{Steps: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("pretrained %d steps, fine-tuned %d steps\n", pre.History.Len(), hist.Len())
	rPos, rNeg := 1.5, 0.5
	loss, dPos, dNeg := llm.BradleyTerry(rPos, rNeg)
	fmt.Printf("%.4f %.4f %.4f\n", loss, dPos, dNeg)
	// Output:
	// wiki: 4.76 epochs
	// web: 0.70 epochs
	// pretrained 20 steps, fine-tuned 20 steps
	// 0.3133 -0.2689 0.2689
}

// The GPT-3 table: epochs per source when training on 300B tokens.
func ExampleMixture_Epochs() {
	for _, row := range llm.GPT3Mixture().Epochs(300e9).Rows {
		fmt.Printf("%-24s %5.1f%% %5s %.2f\n", row.Name, 100*row.Weight, llm.HumanCount(float64(row.Tokens)), row.Epochs)
	}
	// Output:
	// Common Crawl (filtered)   59.4%  410B 0.43
	// WebText2                  21.8%   19B 3.44
	// Books1                     7.9%   12B 1.98
	// Books2                     7.9%   55B 0.43
	// Wikipedia                  3.0%    3B 2.97
}

func ExampleBradleyTerry() {
	loss, dPos, dNeg := llm.BradleyTerry(1.5, 0.5) // r⁺ − r⁻ = 1
	fmt.Printf("loss %.4f, ∂/∂r⁺ %.4f, ∂/∂r⁻ %.4f\n", loss, dPos, dNeg)
	// Output: loss 0.3133, ∂/∂r⁺ -0.2689, ∂/∂r⁻ 0.2689
}

func ExampleGAE() {
	adv, ret := llm.GAE([]float64{0, 0, 1}, []float64{0.5, 0.6, 0.7}, 0, 0.9, 0.8)
	fmt.Printf("A = %.5f\nR = %.5f\n", adv, ret)
	// Output:
	// A = [0.21712 0.24600 0.30000]
	// R = [0.71712 0.84600 1.00000]
}

func ExampleDPO() {
	loss, _, _ := llm.DPO(-10, -11, -12, -10, 0.1)
	fmt.Printf("%.4f\n", loss)
	// Output: 0.5544
}
