package instruct_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/text"
)

func ExampleTemplate_Format() {
	ex := instruct.Example{Instruction: "Reverse the letters of the word.", Input: "stone", Answer: "enots",
		Reasoning: "letters s t o n e; backwards e n o t s."}
	shot := instruct.Example{Instruction: ex.Instruction, Input: "cat", Answer: "tac", Reasoning: "letters c a t; backwards t a c."}
	p := instruct.FewShot(1, true).Format(ex, []instruct.Example{shot})
	fmt.Print(p.Prompt, p.Response)
	// Output:
	// Instruction: Reverse the letters of the word.
	// Input: cat
	// Answer: letters c a t; backwards t a c. The answer is tac.
	//
	// Input: stone
	// Answer: letters s t o n e; backwards e n o t s. The answer is enots.
}

func ExampleResponseMask() {
	fmt.Println(instruct.ResponseMask(3, 2))
	// Output: [false false false true true]
}

func ExampleChatTemplate_Format() {
	s, _, _ := instruct.DefaultChat.Format([]instruct.Message{
		{Role: "user", Content: "Capital of France?"},
		{Role: "assistant", Content: "Paris."},
	})
	fmt.Print(s)
	// Output:
	// <|user|>Capital of France?<|end|>
	// <|assistant|>Paris.<|end|>
}

// The package's usage: a generated data set split into training and
// held-out examples, a two-shot prompt with reasoning, and its token ids
// with the mask that trains on the response only.
func Example() {
	data, _ := instruct.NewDataset(instruct.DatasetConfig{PerTask: 20, Seed: 1})
	train, test, _ := instruct.Split(data.Examples, 0.2, 1)
	p := instruct.FewShot(2, true).Format(train[0], train) // prompt + response
	bpe, err := text.NewBPE(nil)                           // bytes, no merges
	if err != nil {
		fmt.Println(err)
		return
	}
	ids, mask := p.Encode(bpe) // mask: the response tokens
	fmt.Println(len(train) > len(test) && len(test) > 0, len(ids) == len(mask), mask[0], mask[len(mask)-1])
	// Output: true true false true
}
