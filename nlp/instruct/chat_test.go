package instruct

import (
	"context"
	"slices"
	"strings"
	"testing"
)

var conv = []Message{
	{Role: "system", Content: "Be brief."},
	{Role: "user", Content: "Capital of France?"},
	{Role: "assistant", Content: "Paris."},
}

func TestChatFormatParse(t *testing.T) {
	s, spans, err := DefaultChat.Format(conv)
	if err != nil {
		t.Fatal(err)
	}
	want := "<|system|>Be brief.<|end|>\n<|user|>Capital of France?<|end|>\n<|assistant|>Paris.<|end|>\n"
	if s != want {
		t.Errorf("Format = %q, want %q", s, want)
	}
	if len(spans) != 1 || s[spans[0].Start:spans[0].End] != "Paris.<|end|>\n" {
		t.Errorf("assistant spans %v", spans)
	}
	back, err := DefaultChat.Parse(s)
	if err != nil || len(back) != 3 || back[2] != conv[2] || back[0] != conv[0] {
		t.Errorf("Parse = %v, %v", back, err)
	}
	for _, bad := range []string{"hello", "<|user|>no end", "<|robot|>x<|end|>\n"} {
		if _, err := DefaultChat.Parse(bad); err == nil || !strings.HasPrefix(err.Error(), "instruct: ") {
			t.Errorf("Parse(%q): err = %v", bad, err)
		}
	}
	if _, _, err := DefaultChat.Format([]Message{{Role: "robot"}}); err == nil {
		t.Error("unknown role: no error")
	}
}

func FuzzChatParse(f *testing.F) {
	s, _, _ := DefaultChat.Format(conv)
	f.Add(s)
	f.Add("<|user|><|end|>\n")
	f.Fuzz(func(t *testing.T, s string) {
		msgs, err := DefaultChat.Parse(s)
		if err != nil {
			return
		}
		// What parses formats back to the same text.
		if out, _, err := DefaultChat.Format(msgs); err != nil || out != s {
			t.Errorf("round trip of %q gave %q, %v", s, out, err)
		}
	})
}

func TestChatEncodeMask(t *testing.T) {
	ids, mask, err := DefaultChat.Encode(byteEncoder{}, conv)
	if err != nil {
		t.Fatal(err)
	}
	s, spans, _ := DefaultChat.Format(conv)
	want, _ := SpanMask(len(s), spans...)
	if len(ids) != len(s) || !slices.Equal(mask, want) {
		t.Errorf("byte mask differs from the assistant spans")
	}
}

func TestRespondAndTranscript(t *testing.T) {
	var asked string
	echo := func(_ context.Context, p string) (string, error) {
		asked = p
		return " Paris.<|end|>\n<|user|>and Spain?", nil
	}
	out, err := DefaultChat.Respond(context.Background(), echo, conv[:2])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(asked, "<|end|>\n<|assistant|>") {
		t.Errorf("prompt %q does not end with the assistant marker", asked)
	}
	if got := out[len(out)-1]; got.Role != "assistant" || got.Content != "Paris." {
		t.Errorf("reply %+v", got)
	}
	c, err := DefaultChat.SideBySide(context.Background(), conv[:2], []string{"SFT", "RLHF"}, []Generator{echo, echo})
	if err != nil {
		t.Fatal(err)
	}
	txt := c.Render()["text/plain"]
	if !strings.Contains(txt, "assistant: Paris.  [RLHF]") || !strings.Contains(txt, "user: Capital of France?") {
		t.Errorf("transcript:\n%s", txt)
	}
}

// A one-turn InstructionChat prompt is exactly the zero-shot template's.
func TestInstructionChat(t *testing.T) {
	ex := Example{Instruction: "Reverse the letters.", Input: "c-a-t", Answer: "t-a-c"}
	got, err := InstructionChat.Prompt([]Message{Ask(ex.Instruction, ex.Input)})
	if err != nil {
		t.Fatal(err)
	}
	if want := ZeroShot(false).Format(ex, nil).Prompt; got != want {
		t.Errorf("InstructionChat prompt %q, want the template's %q", got, want)
	}
	if r := InstructionChat.Reply(" t-a-c\nInstruction: more"); r != "t-a-c" {
		t.Errorf("Reply = %q, want t-a-c", r)
	}
}
