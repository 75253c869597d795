package llmex

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/instruct"
)

const chatName = "the prompt of a multi-turn chat"

var chatHints = []string{
	"every turn is its role's marker, the content, then the End marker (a newline)",
	"user turns open with \"Instruction: \", assistant turns with \"Answer:\" and a space before the answer (the model writes \" 42\")",
	"the prompt is the whole conversation so far, earlier turns included, and ends with \"Answer:\" for the model to continue",
}

// CheckChatPrompt checks prompt(turns), which must write a conversation
// the way the SFT model reads it (instruct.InstructionChat.Prompt): every
// turn as its role's marker, its content (an answer after a space, as the
// model wrote it) and End, then the assistant marker.
func CheckChatPrompt(prompt func(turns []instruct.Message) string) *lessons.Feedback {
	if prompt == nil {
		return lessons.Fail(chatName, "no function to check", chatHints...)
	}
	convs := [][]instruct.Message{
		{instruct.Ask("Reverse the letters.", "c-a-t")},
		{instruct.Ask("Reverse the letters.", "c-a-t"), {Role: "assistant", Content: "t-a-c"}, instruct.Ask("Compute the result.", "34 + 5")},
		{{Role: "system", Content: "Answer briefly."}, instruct.Ask("Compute the result.", "12 + 3"), {Role: "assistant", Content: "15"},
			instruct.Ask("Compute the result.", "20 - 4"), {Role: "assistant", Content: "16"}, instruct.Ask("Reverse the letters.", "d-o-g")},
	}
	for i, c := range convs {
		want, err := instruct.InstructionChat.Prompt(c)
		if err != nil {
			return lessons.Fail(chatName, err.Error())
		}
		var got string
		if msg := lessons.Call(func() { got = prompt(c) }); msg != "" {
			return lessons.Fail(chatName, msg, chatHints...)
		}
		if got == want {
			continue
		}
		what := fmt.Sprintf("conversation %d (%d turns): you wrote %q, expected %q", i+1, len(c), got, want)
		last, _ := instruct.InstructionChat.Prompt(c[len(c)-1:])
		switch {
		case got == last:
			what += ": only the last turn — the model must read the earlier ones too"
		case got+instruct.InstructionChat.Assistant == want:
			what += ": the prompt must end with the assistant marker, for the model to continue"
		}
		return lessons.Fail(chatName, what, chatHints...)
	}
	return lessons.Pass(chatName, "your prompts are what instruct.InstructionChat writes, earlier turns included")
}
