package llmex

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/instruct"
)

const answerName = "the final answer of a response"

var answerHints = []string{
	"a response ends at the first newline: the model may go on writing after it",
	"with chain of thought the answer follows the last \"The answer is \"; without, the whole line is the answer",
	"drop the final period and the spaces around the answer",
}

// CheckAnswer checks answer(response), which must extract the final answer
// from a generated response the way exact match reads it
// (instruct.Template.Answer): the text up to the first newline, the part
// after the last "The answer is " if there is one, trimmed, without its
// final period.
func CheckAnswer(answer func(response string) string) *lessons.Feedback {
	if answer == nil {
		return lessons.Fail(answerName, "no function to check", answerHints...)
	}
	cases := []string{
		" 42\n",
		" units 8 - 2 = 6, tens 8; so 86. The answer is 86.\n",
		" t-a-c\nInstruction: Reverse the letters.",
		" The answer is 5. The answer is 7.\n",
		" Nairobi",
		"  positive .\n",
		" units 1 + 1 = 2, tens 3; so 32. The answer is 32.\nInput: 1 + 1\nAnswer: The answer is 2.",
	}
	var t instruct.Template
	for _, c := range cases {
		want := t.Answer(c)
		var got string
		if msg := lessons.Call(func() { got = answer(c) }); msg != "" {
			return lessons.Fail(answerName, msg, answerHints...)
		}
		if got != want {
			return lessons.Fail(answerName, fmt.Sprintf("answer(%q) = %q, expected %q", c, got, want), answerHints...)
		}
	}
	return lessons.Pass(answerName, "you read %d responses as exact match does, chain of thought or not", len(cases))
}
