package instruct

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// bytesEncoder counts one token per byte.
type bytesEncoder struct{}

func (bytesEncoder) Encode(s string) []int { return make([]int, len(s)) }

// echo answers with the number of user turns it was shown and the last one.
func echo(t ChatTemplate) Generator {
	return func(_ context.Context, prompt string) (string, error) {
		n := strings.Count(prompt, t.User)
		i := strings.LastIndex(prompt, t.User) + len(t.User)
		last := strings.TrimSuffix(prompt[i:], t.End+t.Assistant)
		return fmt.Sprintf(" %d:%s%s", n, last, t.End), nil
	}
}

func TestChatKeepsTheConversation(t *testing.T) {
	c := &Chat{Template: DefaultChat, Generate: echo(DefaultChat),
		Messages: []Message{{Role: "system", Content: "Be brief."}}}
	for i, q := range []string{"one", "two", "three"} {
		got, err := c.Say(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		// Turn i+1 sees i+1 user turns: the earlier questions are in its prompt.
		if want := fmt.Sprintf("%d:%s", i+1, q); got != want {
			t.Errorf("turn %d: reply %q, want %q", i+1, got, want)
		}
	}
	if len(c.Messages) != 7 {
		t.Fatalf("%d messages, want system + 3 exchanges", len(c.Messages))
	}
	p, read, _ := c.Prompt() // as if the model were to answer again
	if !strings.HasPrefix(p, "<|system|>Be brief.<|end|>\n<|user|>one<|end|>\n<|assistant|>1:one<|end|>\n") || read != 6 {
		t.Errorf("prompt %q reads %d turns", p, read)
	}
	if n := c.Messages[6].Note; n != "read 5 of 5 earlier turns" {
		t.Errorf("third reply's note %q", n)
	}
	c.Reset()
	if len(c.Messages) != 1 || c.Messages[0].Role != "system" {
		t.Errorf("Reset left %v", c.Messages)
	}
}

func TestChatDropsOldTurnsToFit(t *testing.T) {
	// Each exchange is "<|user|>qN<|end|>\n<|assistant|>k:qN<|end|>\n" ≈ 45 bytes.
	c := &Chat{Template: DefaultChat, Generate: echo(DefaultChat), Encoder: bytesEncoder{}, MaxTokens: 110,
		Messages: []Message{{Role: "system", Content: "S"}}}
	var replies []string
	for _, q := range []string{"q1", "q2", "q3", "q4"} {
		r, err := c.Say(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		replies = append(replies, r)
	}
	// The prompt of the 4th turn keeps the system message and fits in 110
	// bytes: only the last exchange before it (2 user turns in all).
	if replies[3] != "2:q4" {
		t.Errorf("4th reply %q, want 2:q4 (one earlier exchange kept)", replies[3])
	}
	p, _, err := c.Prompt()
	if err != nil || len(p) > 110 || !strings.HasPrefix(p, "<|system|>S") {
		t.Errorf("prompt of %d bytes (%v): %q", len(p), err, p)
	}
	if len(c.Messages) != 9 {
		t.Errorf("history has %d messages, want all 9", len(c.Messages))
	}
}

func TestChatErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := (&Chat{Template: DefaultChat}).Say(ctx, "hi"); err == nil {
		t.Error("no generator: no error")
	}
	c := &Chat{Template: DefaultChat, Generate: echo(DefaultChat)}
	if _, err := c.Say(ctx, "  "); err == nil {
		t.Error("empty message: no error")
	}
	long := &Chat{Template: DefaultChat, Generate: echo(DefaultChat), Encoder: bytesEncoder{}, MaxTokens: 10}
	if _, err := long.Say(ctx, "a question far longer than ten bytes"); err == nil || len(long.Messages) != 0 {
		t.Errorf("too long: err %v, %d messages kept", err, len(long.Messages))
	}
	failing := &Chat{Template: DefaultChat, Generate: func(context.Context, string) (string, error) { return "", errors.New("boom") }}
	if _, err := failing.Say(ctx, "hi"); err == nil || len(failing.Messages) != 0 {
		t.Errorf("failing model: err %v, %d messages kept", err, len(failing.Messages))
	}
}

// InstructionChat writes earlier answers back with the space the model
// wrote them with (" 42", as SFT's targets), and Parse takes it off again.
func TestInstructionChatLead(t *testing.T) {
	msgs := []Message{Ask("Compute the result.", "40 + 2"), {Role: "assistant", Content: "42"}, Ask("Compute the result.", "1 + 1")}
	p, err := InstructionChat.Prompt(msgs)
	want := "Instruction: Compute the result.\nInput: 40 + 2\nAnswer: 42\nInstruction: Compute the result.\nInput: 1 + 1\nAnswer:"
	if err != nil || p != want {
		t.Errorf("prompt %q, want %q", p, want)
	}
	// Parse reads one line per turn, so here with one-line questions.
	oneLine, _, _ := InstructionChat.Format([]Message{{Role: "user", Content: "40 + 2?"}, {Role: "assistant", Content: "42"}})
	back, err := InstructionChat.Parse(oneLine)
	if err != nil || len(back) != 2 || back[1].Content != "42" {
		t.Errorf("Parse gave %+v, %v", back, err)
	}
	c := &Chat{Template: InstructionChat, Generate: func(context.Context, string) (string, error) { return " 2\nInstruction:", nil }}
	if r, _ := c.Say(context.Background(), "Compute the result.\nInput: 1 + 1"); r != "2" || !strings.HasSuffix(c.LastPrompt, "Input: 1 + 1\nAnswer:") {
		t.Errorf("reply %q after prompt %q", r, c.LastPrompt)
	}
}

func TestConversations(t *testing.T) {
	exs := []Example{
		{Task: "a", Instruction: "Compute the result.", Input: "1 + 1", Answer: "2"},
		{Task: "a", Instruction: "Compute the result.", Input: "2 + 2", Answer: "4"},
		{Task: "r", Instruction: "Reverse the letters.", Input: "c-a-t", Answer: "t-a-c"},
	}
	pairs, err := InstructionChat.Conversations(exs, 2, 1)
	if err != nil || len(pairs) != 3 {
		t.Fatalf("%d pairs, %v", len(pairs), err)
	}
	for i, p := range pairs {
		// two earlier exchanges, then the question; the answer as the model writes it
		if n := strings.Count(p.Prompt, "Instruction: "); n != 3 {
			t.Errorf("pair %d: %d questions in %q, want 3", i, n, p.Prompt)
		}
		if !strings.HasSuffix(p.Prompt, "Input: "+exs[i].Input+"\nAnswer:") || p.Response != " "+exs[i].Answer+"\n" {
			t.Errorf("pair %d: prompt %q, response %q", i, p.Prompt, p.Response)
		}
		// earlier answers are the references of the earlier questions, never the example itself
		if strings.Count(p.Prompt, "Input: "+exs[i].Input+"\n") != 1 {
			t.Errorf("pair %d: the question appears among its own history: %q", i, p.Prompt)
		}
	}
	if _, err := InstructionChat.Conversations(exs[:1], 1, 1); err == nil {
		t.Error("history from a single example: no error")
	}
}
