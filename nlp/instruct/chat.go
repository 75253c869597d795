package instruct

import (
	"context"
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/plots"
)

// A Message is one turn of a conversation.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string
	Note    string // shown under the bubble in a transcript (a reward, a model name)
}

// A ChatTemplate writes a conversation as the one string a language model
// reads, each turn wrapped in markers:
//
//	<|system|>You are a helpful assistant.<|end|>
//	<|user|>What is the capital of France?<|end|>
//	<|assistant|>Paris.<|end|>
//
// The model learns to write an assistant turn and to end it with End, so
// generation stops there. A chat model is instruction tuning on such
// strings with the loss on the assistant turns (Encode's mask).
type ChatTemplate struct {
	System, User, Assistant string // markers opening each role's turn
	End                     string // marker closing every turn
	// Lead is written between the assistant marker and an assistant turn's
	// content (not after the final marker of Prompt, where the model
	// writes it itself): a model's replies start with it.
	// InstructionChat's is a space, as SFT's targets are " 42".
	Lead string
}

// DefaultChat is the template above, one turn per line.
var DefaultChat = ChatTemplate{System: "<|system|>", User: "<|user|>", Assistant: "<|assistant|>", End: "<|end|>\n"}

// InstructionChat is the instruction template of SFT (Template) written as
// a chat template: a user turn "Reverse the letters.\nInput: c-a-t" is
// read as
//
//	Instruction: Reverse the letters.
//	Input: c-a-t
//	Answer:
//
// so a model tuned on instruction examples alone can be talked to one
// question at a time, without chat training.
var InstructionChat = ChatTemplate{System: "System: ", User: "Instruction: ", Assistant: "Answer:", End: End, Lead: " "}

// Ask is the user turn of InstructionChat for an instruction and input.
func Ask(instruction, input string) Message {
	return Message{Role: "user", Content: instruction + "\nInput: " + input}
}

func (t ChatTemplate) marker(role string) (string, error) {
	switch role {
	case "system":
		return t.System, nil
	case "user":
		return t.User, nil
	case "assistant":
		return t.Assistant, nil
	}
	return "", fmt.Errorf("instruct: unknown chat role %q (want system, user or assistant)", role)
}

// Format writes the conversation and returns, for every assistant turn,
// the byte span of its content and End marker (what a chat model is
// trained to write).
func (t ChatTemplate) Format(msgs []Message) (string, []Span, error) {
	var b strings.Builder
	var spans []Span
	for _, m := range msgs {
		mk, err := t.marker(m.Role)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(mk)
		start := b.Len()
		if m.Role == "assistant" {
			b.WriteString(t.Lead)
		}
		b.WriteString(m.Content)
		b.WriteString(t.End)
		if m.Role == "assistant" {
			spans = append(spans, Span{start, b.Len()})
		}
	}
	return b.String(), spans, nil
}

// Prompt is the conversation followed by the assistant marker: the text
// from which a model generates its next turn.
func (t ChatTemplate) Prompt(msgs []Message) (string, error) {
	s, _, err := t.Format(msgs)
	return s + t.Assistant, err
}

// Reply cuts a generated continuation of Prompt at End (or at the start of
// another turn, if the model forgets End) and trims it.
func (t ChatTemplate) Reply(generated string) string {
	cut := len(generated)
	for _, mk := range []string{t.End, t.User, t.System, t.Assistant} {
		if mk == "" {
			continue
		}
		if i := strings.Index(generated, mk); i >= 0 && i < cut {
			cut = i
		}
	}
	return strings.TrimSpace(generated[:cut])
}

// Parse reads a formatted conversation back into messages. It returns an
// error for text that does not start with a role marker or a turn without
// its End marker.
func (t ChatTemplate) Parse(s string) ([]Message, error) {
	var msgs []Message
	for len(s) > 0 {
		role := ""
		for _, r := range []string{"system", "user", "assistant"} {
			if mk, _ := t.marker(r); mk != "" && strings.HasPrefix(s, mk) {
				role, s = r, s[len(mk):]
				break
			}
		}
		if role == "" {
			return nil, fmt.Errorf("instruct: chat: expected a role marker at %q", abbreviate(s))
		}
		i := strings.Index(s, t.End)
		if i < 0 {
			return nil, fmt.Errorf("instruct: chat: %s turn %q has no end marker", role, abbreviate(s))
		}
		content := s[:i]
		if role == "assistant" {
			content = strings.TrimPrefix(content, t.Lead)
		}
		msgs = append(msgs, Message{Role: role, Content: content})
		s = s[i+len(t.End):]
	}
	return msgs, nil
}

func abbreviate(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// Encode tokenizes a conversation turn piece by piece (markers and
// contents separately, so no token crosses a turn boundary) and returns
// the ids with a mask that is true on assistant contents and their End
// markers only.
func (t ChatTemplate) Encode(enc text.Encoder, msgs []Message) (ids []int, mask []bool, err error) {
	for _, m := range msgs {
		mk, err := t.marker(m.Role)
		if err != nil {
			return nil, nil, err
		}
		head := enc.Encode(mk)
		ids = append(ids, head...)
		mask = append(mask, make([]bool, len(head))...)
		lead := ""
		if m.Role == "assistant" {
			lead = t.Lead
		}
		body := enc.Encode(lead + m.Content + t.End)
		ids = append(ids, body...)
		for range body {
			mask = append(mask, m.Role == "assistant")
		}
	}
	return ids, mask, nil
}

// Transcript turns messages into a plots.Chat for display.
func Transcript(title string, msgs []Message) *plots.Chat {
	c := &plots.Chat{Title: title}
	for _, m := range msgs {
		c.Add(plots.Turn{Role: m.Role, Text: m.Content, Note: m.Note})
	}
	return c
}

// A Generator continues a prompt; a language model with a sampler is one.
type Generator func(ctx context.Context, prompt string) (string, error)

// Respond formats msgs with t, asks gen for a continuation and returns the
// conversation with the assistant's reply appended (cut by Reply).
func (t ChatTemplate) Respond(ctx context.Context, gen Generator, msgs []Message) ([]Message, error) {
	p, err := t.Prompt(msgs)
	if err != nil {
		return nil, err
	}
	out, err := gen(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("instruct: chat: %w", err)
	}
	return append(append([]Message(nil), msgs...), Message{Role: "assistant", Content: t.Reply(out)}), nil
}

// SideBySide asks each named model the same question and shows the answers
// as one transcript, each reply noted with its model's name (the SFT and
// the RLHF model, say).
func (t ChatTemplate) SideBySide(ctx context.Context, question []Message, models []string, gens []Generator) (*plots.Chat, error) {
	if len(models) != len(gens) {
		return nil, fmt.Errorf("instruct: SideBySide: %d names for %d models", len(models), len(gens))
	}
	msgs := append([]Message(nil), question...)
	for i, gen := range gens {
		conv, err := t.Respond(ctx, gen, question)
		if err != nil {
			return nil, fmt.Errorf("instruct: %s: %w", models[i], err)
		}
		reply := conv[len(conv)-1]
		reply.Note = models[i]
		msgs = append(msgs, reply)
	}
	return Transcript("", msgs), nil
}
