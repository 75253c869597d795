package plots

import (
	"strings"
)

// A Tree is a labelled tree, such as a WordNet hypernym hierarchy; Note is
// an optional gloss shown after the label.
type Tree struct {
	Label    string
	Note     string
	Children []*Tree
}

var _ Renderer = (*Tree)(nil)

// Chain returns a tree that is a single path, root first: a hypernym chain
// such as Chain("entity.n.01", "physical_entity.n.01", …, "dog.n.01").
func Chain(labels ...string) *Tree {
	var root, leaf *Tree
	for _, l := range labels {
		n := &Tree{Label: l}
		if root == nil {
			root = n
		} else {
			leaf.Children = append(leaf.Children, n)
		}
		leaf = n
	}
	return root
}

// Add appends children and returns t.
func (t *Tree) Add(children ...*Tree) *Tree {
	t.Children = append(t.Children, children...)
	return t
}

// maxTreeNodes bounds the nodes drawn; the rest is summarised.
const maxTreeNodes = 500

// Render returns the tree as nested HTML lists and as indented text with
// box-drawing branches.
func (t *Tree) Render() Bundle {
	if t == nil {
		return Bundle{MIMEText: "(empty tree)"}
	}
	var h, s strings.Builder
	h.WriteString(`<div class="lingo-tree" style="font:13px/1.5 system-ui,sans-serif">` +
		`<style>.lingo-tree ul{list-style:none;margin:0;padding-left:1.2em;border-left:1px solid #ccc}` +
		`.lingo-tree>ul{border-left:none;padding-left:0}.lingo-tree li::before{content:"─ ";color:#aaa}` +
		`.lingo-tree>ul>li::before{content:""}.lingo-note{color:#777;margin-left:.5em}</style><ul>`)
	n := 0
	var walk func(x *Tree, prefix string, last, root bool)
	walk = func(x *Tree, prefix string, last, root bool) {
		n++
		h.WriteString("<li><b>" + esc(x.Label) + "</b>")
		if x.Note != "" {
			h.WriteString(`<span class="lingo-note">` + esc(x.Note) + "</span>")
		}
		line, child := "", prefix
		if !root {
			if last {
				line, child = prefix+"└── ", prefix+"    "
			} else {
				line, child = prefix+"├── ", prefix+"│   "
			}
		}
		s.WriteString(line + x.Label)
		if x.Note != "" {
			s.WriteString("  (" + x.Note + ")")
		}
		s.WriteString("\n")
		if len(x.Children) > 0 {
			h.WriteString("<ul>")
			for i, c := range x.Children {
				if c == nil {
					continue
				}
				if n >= maxTreeNodes {
					h.WriteString("<li>…</li>")
					s.WriteString(child + "└── …\n")
					break
				}
				walk(c, child, i == len(x.Children)-1, false)
			}
			h.WriteString("</ul>")
		}
		h.WriteString("</li>")
	}
	walk(t, "", true, true)
	h.WriteString("</ul></div>")
	return Bundle{MIMEHTML: h.String(), MIMEText: strings.TrimSuffix(s.String(), "\n")}
}
