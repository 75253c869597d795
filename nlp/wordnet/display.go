package wordnet

import (
	"fmt"
	"html"
	"math"
	"reflect"
	"runtime"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// SynsetList is a list of synsets, as returned by Synsets; in a notebook
// it renders as a table of name, part of speech, lemmas and definition.
type SynsetList []*Synset

var (
	_ plots.Renderer = SynsetList(nil)
	_ plots.Renderer = Chain(nil)
	_ plots.Renderer = (*Tree)(nil)
	_ plots.Renderer = (*Synset)(nil)
	_ plots.Renderer = (*SimilarityMatrix)(nil)
)

// Names returns the synsets' names.
func (l SynsetList) Names() []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = s.name
	}
	return out
}

// Table returns the list as a plots.Table.
func (l SynsetList) Table() *plots.Table {
	t := plots.NewTable("synset", "pos", "lemmas", "definition").Limit(-1)
	for _, s := range l {
		t.Row(s.name, s.pos.Name(), strings.Join(s.LemmaNames(), ", "), s.definition)
	}
	return t
}

// Render shows the synsets as a table (text and HTML).
func (l SynsetList) Render() plots.Bundle {
	if len(l) == 0 {
		return plots.Bundle{plots.MIMEText: "no synsets"}
	}
	return l.Table().Render()
}

// Render shows one synset as a card: name, lexicographer file, lemmas,
// definition, examples and its nearest relations.
func (s *Synset) Render() plots.Bundle {
	var tb, hb strings.Builder
	fmt.Fprintf(&tb, "%s (%s, %s)\n  lemmas: %s\n  definition: %s\n", s.name, s.pos.Name(), s.Lexname(), strings.Join(s.LemmaNames(), ", "), s.definition)
	fmt.Fprintf(&hb, `<div style="font-family:sans-serif;border:1px solid #ccc;border-radius:6px;padding:8px 12px;max-width:48em"><b>%s</b> <span style="color:#777">%s · %s</span><br>lemmas: <i>%s</i><br>%s`,
		esc(s.name), esc(s.pos.Name()), esc(s.Lexname()), esc(strings.Join(s.LemmaNames(), ", ")), esc(s.definition))
	for _, e := range s.examples {
		fmt.Fprintf(&tb, "  example: %q\n", e)
		fmt.Fprintf(&hb, `<br><span style="color:#555">“%s”</span>`, esc(e))
	}
	for _, r := range []struct {
		name string
		ss   []*Synset
	}{{"hypernyms", s.hypernymsAll()}, {"hyponyms", s.Hyponyms()}, {"instances", s.InstanceHyponyms()}} {
		if len(r.ss) == 0 {
			continue
		}
		names := SynsetList(r.ss).Names()
		more := ""
		if len(names) > 8 {
			more = fmt.Sprintf(" … %d more", len(names)-8)
			names = names[:8]
		}
		fmt.Fprintf(&tb, "  %s: %s%s\n", r.name, strings.Join(names, ", "), more)
		fmt.Fprintf(&hb, `<br><span style="color:#777">%s:</span> %s%s`, r.name, esc(strings.Join(names, ", ")), more)
	}
	hb.WriteString("</div>")
	return plots.Bundle{plots.MIMEText: strings.TrimRight(tb.String(), "\n"), plots.MIMEHTML: hb.String()}
}

// Chain is a sequence of synsets, such as one hypernym path or a closure,
// shown as boxes joined by arrows: panda.n.01 → procyonid.n.01 → ….
type Chain []*Synset

// Render shows the chain on one line of text and as a row of boxes.
func (c Chain) Render() plots.Bundle {
	names := SynsetList(c).Names()
	var hb strings.Builder
	hb.WriteString(`<div style="font-family:sans-serif;line-height:2.2">`)
	for i, s := range c {
		if i > 0 {
			hb.WriteString(` <span style="color:#999">→</span> `)
		}
		fmt.Fprintf(&hb, `<span title="%s" style="border:1px solid #9ab;border-radius:4px;padding:2px 6px;background:#eef4fb;white-space:nowrap">%s</span>`,
			esc(s.definition), esc(s.name))
	}
	hb.WriteString("</div>")
	return plots.Bundle{plots.MIMEText: strings.Join(names, " → "), plots.MIMEHTML: hb.String()}
}

// Tree is a synset with the trees of its related synsets, as built by
// Synset.Tree.
type Tree struct {
	Synset   *Synset
	Children []*Tree
}

// Tree returns the tree of synsets reachable from s by rel, depth first,
// like NLTK's synset.tree: a synset is not repeated within one branch,
// but shared ancestors appear under every branch that reaches them.
// depth limits the levels below s; negative means no limit.
//
//	dog.Tree((*wordnet.Synset).Hypernyms, -1)
func (s *Synset) Tree(rel Relation, depth int) *Tree {
	return s.tree(rel, depth, map[*Synset]bool{s: true})
}

func (s *Synset) tree(rel Relation, depth int, onBranch map[*Synset]bool) *Tree {
	t := &Tree{Synset: s}
	if depth == 0 {
		return t
	}
	for _, c := range rel(s) {
		if onBranch[c] {
			continue
		}
		onBranch[c] = true
		t.Children = append(t.Children, c.tree(rel, depth-1, onBranch))
		delete(onBranch, c)
	}
	return t
}

// String draws the tree with box-drawing characters, one synset per line.
func (t *Tree) String() string {
	var sb strings.Builder
	sb.WriteString(t.Synset.name + "\n")
	t.writeText(&sb, "")
	return strings.TrimRight(sb.String(), "\n")
}

func (t *Tree) writeText(sb *strings.Builder, prefix string) {
	for i, c := range t.Children {
		branch, next := "├── ", "│   "
		if i == len(t.Children)-1 {
			branch, next = "└── ", "    "
		}
		sb.WriteString(prefix + branch + c.Synset.name + "\n")
		c.writeText(sb, prefix+next)
	}
}

// Render shows the tree as text and as nested HTML lists whose items show
// the definition on hover.
func (t *Tree) Render() plots.Bundle {
	var hb strings.Builder
	hb.WriteString(`<div style="font-family:sans-serif">`)
	t.writeHTML(&hb)
	hb.WriteString("</div>")
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMEHTML: hb.String()}
}

func (t *Tree) writeHTML(sb *strings.Builder) {
	fmt.Fprintf(sb, `<span title="%s" style="border:1px solid #9ab;border-radius:4px;padding:1px 5px;background:#eef4fb">%s</span>`,
		esc(t.Synset.definition), esc(t.Synset.name))
	if len(t.Children) == 0 {
		return
	}
	sb.WriteString(`<ul style="list-style:none;margin:2px 0 2px 0;padding-left:1.4em;border-left:1px solid #ccc">`)
	for _, c := range t.Children {
		sb.WriteString(`<li style="margin:3px 0">`)
		c.writeHTML(sb)
		sb.WriteString("</li>")
	}
	sb.WriteString("</ul>")
}

// Similarity is a similarity measure between synsets; method expressions
// such as (*wordnet.Synset).PathSimilarity are Similarities.
type Similarity func(a, b *Synset) float64

// SimilarityMatrix holds a measure for every pair of a list of synsets.
type SimilarityMatrix struct {
	Title   string
	Labels  []string
	Synsets []*Synset
	Values  [][]float64 // Values[i][j] = measure(Synsets[i], Synsets[j]); NaN where NLTK gives None
}

// SimilarityMatrix computes sim between the most frequent senses of words
// in the given part of speech (AnyPOS: each word's first synset), for a
// heatmap. It fails if a word has no synset.
//
//	m, err := wn.SimilarityMatrix([]string{"dog", "cat", "car"}, wordnet.Noun, (*wordnet.Synset).PathSimilarity)
func (wn *WordNet) SimilarityMatrix(words []string, pos POS, sim Similarity) (*SimilarityMatrix, error) {
	ss := make([]*Synset, len(words))
	for i, w := range words {
		l := wn.Synsets(w, pos)
		if len(l) == 0 {
			if pos == AnyPOS {
				return nil, fmt.Errorf("wordnet: %q is not in WordNet", w)
			}
			return nil, fmt.Errorf("wordnet: %q has no %s synset", w, pos.Name())
		}
		ss[i] = l[0]
	}
	m := NewSimilarityMatrix(ss, sim)
	copy(m.Labels, words)
	return m, nil
}

// NewSimilarityMatrix computes sim between every pair of synsets.
func NewSimilarityMatrix(synsets []*Synset, sim Similarity) *SimilarityMatrix {
	m := &SimilarityMatrix{Title: measureName(sim), Synsets: synsets}
	m.Values = make([][]float64, len(synsets))
	for i, a := range synsets {
		m.Labels = append(m.Labels, a.name)
		m.Values[i] = make([]float64, len(synsets))
		for j, b := range synsets {
			m.Values[i][j] = sim(a, b)
		}
	}
	return m
}

// measureName names a method expression: "PathSimilarity".
func measureName(sim Similarity) string {
	f := runtime.FuncForPC(reflect.ValueOf(sim).Pointer())
	if f == nil {
		return "similarity"
	}
	name := f.Name()
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSuffix(name, "-fm")
}

// Heatmap returns the matrix as a plots.Heatmap; missing values (NaN)
// are drawn as 0.
func (m *SimilarityMatrix) Heatmap() *plots.Heatmap {
	v := make([][]float64, len(m.Values))
	for i, r := range m.Values {
		v[i] = make([]float64, len(r))
		for j, x := range r {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				x = 0
			}
			v[i][j] = x
		}
	}
	return plots.NewHeatmap(m.Title, v, m.Labels, m.Labels)
}

// Render draws the heatmap (SVG) with the values as a text table.
func (m *SimilarityMatrix) Render() plots.Bundle {
	if len(m.Values) == 0 {
		return plots.Bundle{plots.MIMEText: "empty similarity matrix"}
	}
	b := m.Heatmap().Render()
	cols := append([]string{""}, m.Labels...)
	t := plots.NewTable(cols...).Limit(-1)
	for i, r := range m.Values {
		row := []any{m.Labels[i]}
		for _, x := range r {
			if math.IsNaN(x) {
				row = append(row, "—")
			} else {
				row = append(row, math.Round(x*1000)/1000)
			}
		}
		t.Row(row...)
	}
	b[plots.MIMEText] = m.Title + "\n" + t.String()
	return b
}

func esc(s string) string { return html.EscapeString(s) }
