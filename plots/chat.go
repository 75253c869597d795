package plots

import (
	"fmt"
	"strings"
)

// A Turn is one message of a conversation. Role is usually "system",
// "user" or "assistant"; Note is optional (a reward score, a label such as
// "chosen" or "rejected").
type Turn struct {
	Role, Text, Note string
}

// A Chat is a conversation transcript, drawn as speech bubbles: the user on
// the right, the assistant on the left, system prompts centred.
type Chat struct {
	Title string
	Turns []Turn
}

var _ Renderer = (*Chat)(nil)

// NewChat returns an empty transcript.
func NewChat() *Chat { return &Chat{} }

// System, User and Assistant append a turn and return c.
func (c *Chat) System(text string) *Chat    { return c.Add(Turn{Role: "system", Text: text}) }
func (c *Chat) User(text string) *Chat      { return c.Add(Turn{Role: "user", Text: text}) }
func (c *Chat) Assistant(text string) *Chat { return c.Add(Turn{Role: "assistant", Text: text}) }

// Add appends turns and returns c.
func (c *Chat) Add(turns ...Turn) *Chat {
	c.Turns = append(c.Turns, turns...)
	return c
}

// Render draws the transcript as HTML bubbles and as "role: text" lines.
func (c *Chat) Render() Bundle {
	var h, s strings.Builder
	h.WriteString(`<div class="lingo-chat" style="font:14px/1.45 system-ui,sans-serif;max-width:720px">`)
	if c.Title != "" {
		h.WriteString("<div><b>" + esc(c.Title) + "</b></div>")
		s.WriteString(c.Title + "\n")
	}
	for _, t := range c.Turns {
		align, bg, color := "flex-start", "#f1f1f1", "#222"
		switch strings.ToLower(t.Role) {
		case "user", "human":
			align, bg, color = "flex-end", "#2f6fde", "#fff"
		case "system":
			align, bg, color = "center", "#fff7e0", "#664d00"
		}
		fmt.Fprintf(&h, `<div style="display:flex;flex-direction:column;align-items:%s;margin:6px 0">`+
			`<div style="font-size:11px;color:#888">%s</div>`+
			`<div style="background:%s;color:%s;padding:6px 10px;border-radius:12px;max-width:80%%;white-space:pre-wrap">%s</div>`,
			align, esc(t.Role), bg, color, esc(t.Text))
		if t.Note != "" {
			fmt.Fprintf(&h, `<div style="font-size:11px;color:#888">%s</div>`, esc(t.Note))
		}
		h.WriteString("</div>")
		indent := strings.Repeat(" ", len(t.Role)+2)
		s.WriteString(t.Role + ": " + strings.ReplaceAll(t.Text, "\n", "\n"+indent))
		if t.Note != "" {
			s.WriteString("  [" + t.Note + "]")
		}
		s.WriteString("\n")
	}
	h.WriteString("</div>")
	return Bundle{MIMEHTML: h.String(), MIMEText: strings.TrimSuffix(s.String(), "\n")}
}
