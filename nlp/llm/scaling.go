package llm

import (
	"fmt"

	"github.com/lingo-nlp/lingo/plots"
)

// A ModelCard is one row of the scaling table: a model's size and the
// amount of text it was trained on.
type ModelCard struct {
	Name         string
	Params       float64 // parameters
	Tokens       float64 // training tokens (0 when the paper gives no count)
	Organisation string
	Year         int
	Note         string // what Tokens means when it is not plain tokens, or the data
	Reference    string // the paper the numbers come from
}

// TokensPerParam is the ratio Chinchilla's analysis says should be about 20
// for compute-optimal training.
func (c ModelCard) TokensPerParam() float64 {
	if c.Params == 0 {
		return 0
	}
	return c.Tokens / c.Params
}

// Models is the lecture's list of large language models, oldest first.
// Every number is from the model's own paper:
//
//   - BERT-Large: 340M parameters; 3.3B words (BooksCorpus 800M + English
//     Wikipedia 2,500M) seen for about 40 epochs: 1M steps of 256 sequences
//     of 512 tokens ≈ 131B tokens (Devlin et al., NAACL 2019, §3.1, §A.2).
//   - GPT-2: 1.5B parameters, WebText (40GB, 8M documents); no token count
//     (Radford et al., "Language Models are Unsupervised Multitask Learners",
//     2019, §2.1, Table 2).
//   - T5-11B: 11B parameters, 2^20 steps × 2^11 sequences × 512 tokens ≈ 1T
//     tokens of C4 (Raffel et al., JMLR 2020, §3.7).
//   - GPT-3: 175B parameters, 300B tokens (Brown et al., NeurIPS 2020,
//     Tables 2.1 and 2.2).
//   - Gopher: 280B parameters, 300B tokens (Rae et al., arXiv:2112.11446,
//     2021, Table 1).
//   - Megatron-Turing NLG: 530B parameters, 270B tokens (Smith et al.,
//     arXiv:2201.11990, 2022, §3).
//   - Chinchilla: 70B parameters, 1.4T tokens (Hoffmann et al., NeurIPS 2022,
//     Table 1).
//   - PaLM: 540B parameters, 780B tokens (Chowdhery et al.,
//     arXiv:2204.02311, 2022, Table 1 and §3).
//   - OPT-175B: 175B parameters, 180B tokens (Zhang et al.,
//     arXiv:2205.01068, 2022, §2.3).
//   - BLOOM: 176B parameters, 366B tokens, trained with Megatron-DeepSpeed
//     (BigScience Workshop, arXiv:2211.05100, 2022, §3.5 and §4.4).
//   - LLaMA-65B: 65B parameters, 1.4T tokens (Touvron et al.,
//     arXiv:2302.13971, 2023, Table 2).
func Models() []ModelCard {
	return []ModelCard{
		{"BERT-Large", 340e6, 131e9, "Google", 2018, "3.3B words, ~40 epochs", "Devlin et al. 2019"},
		{"GPT-2", 1.5e9, 0, "OpenAI", 2019, "WebText, 40 GB", "Radford et al. 2019"},
		{"T5-11B", 11e9, 1e12, "Google", 2019, "C4", "Raffel et al. 2020"},
		{"GPT-3", 175e9, 300e9, "OpenAI", 2020, "", "Brown et al. 2020"},
		{"Gopher", 280e9, 300e9, "DeepMind", 2021, "MassiveText", "Rae et al. 2021"},
		{"Megatron-Turing NLG", 530e9, 270e9, "Microsoft & NVIDIA", 2022, "", "Smith et al. 2022"},
		{"Chinchilla", 70e9, 1.4e12, "DeepMind", 2022, "compute-optimal", "Hoffmann et al. 2022"},
		{"PaLM", 540e9, 780e9, "Google", 2022, "", "Chowdhery et al. 2022"},
		{"OPT-175B", 175e9, 180e9, "Meta", 2022, "", "Zhang et al. 2022"},
		{"BLOOM", 176e9, 366e9, "BigScience", 2022, "Megatron-DeepSpeed", "BigScience 2022"},
		{"LLaMA-65B", 65e9, 1.4e12, "Meta", 2023, "public data only", "Touvron et al. 2023"},
	}
}

// ScalingTable lists models with their parameters, training tokens,
// tokens per parameter, organisation and year. Extra rows (your own
// model, for scale) may be appended to the result of Models.
type ScalingTable []ModelCard

var _ plots.Renderer = ScalingTable(nil)

// Table is the scaling table as a plots.Table with a bar on the parameters.
func (s ScalingTable) Table() *plots.Table {
	t := plots.NewTable("model", "parameters", "size", "training tokens", "tokens/param", "organisation", "year", "note", "reference").
		Bar("size").Format("size", "%.3g").Format("year", "%d").Format("tokens/param", "%.1f")
	t.Caption = "Language models: size and training data (numbers from each model's paper)"
	for _, c := range s {
		tok, ratio := "—", any("—")
		if c.Tokens > 0 {
			tok, ratio = HumanCount(c.Tokens), c.TokensPerParam()
		}
		t.Row(c.Name, HumanCount(c.Params), c.Params, tok, ratio, c.Organisation, c.Year, c.Note, c.Reference)
	}
	t.MaxRows = -1
	return t
}

// Render shows the table.
func (s ScalingTable) Render() plots.Bundle { return s.Table().Render() }

// String is the text form.
func (s ScalingTable) String() string { return s.Table().String() }

// Describe is a one-line summary of a card: "GPT-3: 175B parameters, 300B tokens (OpenAI, 2020)".
func (c ModelCard) Describe() string {
	tok := "tokens not reported"
	if c.Tokens > 0 {
		tok = HumanCount(c.Tokens) + " tokens"
	}
	return fmt.Sprintf("%s: %s parameters, %s (%s, %d)", c.Name, HumanCount(c.Params), tok, c.Organisation, c.Year)
}
