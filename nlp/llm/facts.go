package llm

import (
	"math/rand/v2"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/instruct"
)

// FactsName is the name of the facts source in a pretraining mixture.
const FactsName = "facts"

// FactsSource is a miniature encyclopedia written by the project from the
// same tables the knowledge task families ask about (instruct.Facts: each
// fact in several phrasings), in copies shuffled with seed and cut into
// documents of about chunkBytes bytes.
//
// It plays Wikipedia's part in GPT-3's mixture: small, but sampled many
// epochs, so that the pretrained model knows the facts. Instruction tuning
// then teaches it to answer questions about them; it cannot teach a fact
// the model never read (a held-out country is held out of SFT, not of
// pretraining — exactly as a real model's held-out tasks are about things
// its pretraining corpus mentions). When WordNet is missing only the
// capitals are stated and the note says so.
func FactsSource(weight float64, wordnetDir string, copies int, seed uint64) (Source, string) {
	if copies <= 0 {
		copies = 8
	}
	facts, note := instruct.Facts(wordnetDir)
	rng := rand.New(rand.NewPCG(seed, 0xfac7))
	src := Source{Name: FactsName, Weight: weight}
	var b strings.Builder
	for range copies {
		for _, i := range rng.Perm(len(facts)) {
			f := facts[i]
			s := f[rng.IntN(len(f))]
			if b.Len()+len(s)+1 > chunkBytes {
				src.Docs = append(src.Docs, b.String())
				b.Reset()
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
	}
	if b.Len() > 0 {
		src.Docs = append(src.Docs, b.String())
	}
	return src, note
}
