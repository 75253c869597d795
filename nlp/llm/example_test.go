package llm_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/llm"
)

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
