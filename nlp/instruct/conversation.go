package instruct

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/plots"
)

// A Chat is a conversation in progress with a model. Say adds the user's
// turn, asks the model to continue the whole conversation written with
// Template, and keeps both turns, so every later question is read after
// the earlier ones — the multi-turn state of a chat assistant:
//
//	c := &instruct.Chat{Template: instruct.InstructionChat, Generate: gen}
//	c.Say(ctx, "Name the capital.\nInput: Lima is the capital of Peru. Peru?")
//	c.Say(ctx, "Reverse the letters.\nInput: c-a-t")  // the model reads both turns
//
// A model reads a bounded number of tokens. With an Encoder and MaxTokens
// the prompt keeps the system message and as many of the latest turns as
// fit, dropping the oldest first (an assistant turn never without the user
// turn before it); Messages keeps everything, and each reply's Note says
// how many earlier turns the model read.
type Chat struct {
	Template ChatTemplate
	Generate Generator
	// Encoder counts the prompt's tokens and MaxTokens bounds them (nil or
	// 0: no bound). Leave room for the reply: a model with a context of
	// 128 tokens that answers in up to 40 wants MaxTokens 88.
	Encoder   text.Encoder
	MaxTokens int
	// Messages is the conversation so far; set a system message as the
	// first one to keep it at the start of every prompt.
	Messages []Message
	// LastPrompt is what the model read to write the latest reply.
	LastPrompt string
}

// Say adds a user turn with content, asks the model for a reply to the
// conversation and returns it (also appended to Messages). On an error the
// user turn is taken back.
func (c *Chat) Say(ctx context.Context, content string) (string, error) {
	if c.Generate == nil {
		return "", fmt.Errorf("instruct: Chat has no Generate function")
	}
	if strings.TrimSpace(content) == "" {
		return "", fmt.Errorf("instruct: Chat.Say: empty message")
	}
	c.Messages = append(c.Messages, Message{Role: "user", Content: content})
	prompt, read, err := c.Prompt()
	if err == nil {
		c.LastPrompt = prompt
		var out string
		if out, err = c.Generate(ctx, prompt); err == nil {
			reply := Message{Role: "assistant", Content: c.Template.Reply(out),
				Note: fmt.Sprintf("read %d of %d earlier turns", read, len(c.Messages)-1)}
			c.Messages = append(c.Messages, reply)
			return reply.Content, nil
		}
		err = fmt.Errorf("instruct: chat: %w", err)
	}
	c.Messages = c.Messages[:len(c.Messages)-1]
	return "", err
}

// Prompt returns what the model reads to write the next assistant turn:
// the system message (if the conversation starts with one), the latest
// turns that fit in MaxTokens and the assistant marker, with the number of
// turns before the last that it includes (the system message counts).
func (c *Chat) Prompt() (prompt string, read int, err error) {
	msgs := c.Messages
	var sys []Message
	if len(msgs) > 0 && msgs[0].Role == "system" {
		sys, msgs = msgs[:1], msgs[1:]
	}
	if len(msgs) == 0 {
		return "", 0, fmt.Errorf("instruct: Chat.Prompt: no turn to answer")
	}
	for first := 0; first < len(msgs); first++ {
		if first > 0 && msgs[first].Role == "assistant" {
			continue // never an answer without its question
		}
		kept := append(append([]Message(nil), sys...), msgs[first:]...)
		p, err := c.Template.Prompt(kept)
		if err != nil {
			return "", 0, err
		}
		if c.Encoder == nil || c.MaxTokens <= 0 || len(c.Encoder.Encode(p)) <= c.MaxTokens {
			return p, len(kept) - 1, nil
		}
	}
	last := append(append([]Message(nil), sys...), msgs[len(msgs)-1])
	p, _ := c.Template.Prompt(last)
	return "", 0, fmt.Errorf("instruct: the last message alone makes a prompt of %d tokens, more than MaxTokens %d", len(c.Encoder.Encode(p)), c.MaxTokens)
}

// Reset forgets the conversation but a system message.
func (c *Chat) Reset() {
	if len(c.Messages) > 0 && c.Messages[0].Role == "system" {
		c.Messages = c.Messages[:1]
		return
	}
	c.Messages = nil
}

// Transcript shows the conversation, each reply with its note.
func (c *Chat) Transcript(title string) *plots.Chat { return Transcript(title, c.Messages) }

// Render shows the transcript.
func (c *Chat) Render() plots.Bundle { return c.Transcript("").Render() }

// Conversations writes every example as the last question of a
// conversation: history earlier questions, drawn at random from examples
// (others than it), each followed by its reference answer, then the
// example's question. The response is the example's answer as the
// template's assistant writes it (Lead, the answer, End), so a model tuned
// on these pairs learns to answer the last question of a conversation.
func (t ChatTemplate) Conversations(examples []Example, history int, seed uint64) ([]Pair, error) {
	if history < 0 || history > 0 && len(examples) < 2 {
		return nil, fmt.Errorf("instruct: Conversations: %d earlier turns from %d examples", history, len(examples))
	}
	rng := rand.New(rand.NewPCG(seed, 0xc0))
	out := make([]Pair, 0, len(examples))
	for i, ex := range examples {
		var msgs []Message
		for range history {
			j := rng.IntN(len(examples) - 1)
			if j >= i {
				j++
			}
			h := examples[j]
			msgs = append(msgs, Ask(h.Instruction, h.Input), Message{Role: "assistant", Content: h.Answer})
		}
		prompt, err := t.Prompt(append(msgs, Ask(ex.Instruction, ex.Input)))
		if err != nil {
			return nil, err
		}
		out = append(out, Pair{Prompt: prompt, Response: t.Lead + ex.Answer + t.End, Example: ex})
	}
	return out, nil
}
