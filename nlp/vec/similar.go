package vec

import (
	"errors"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// Similar is one answer of a nearest-neighbour query.
type Similar struct {
	Word       string
	Similarity float64
}

// Similarities is a ranked list of answers, best first. It renders as a
// table in notebooks.
type Similarities []Similar

var _ plots.Renderer = Similarities(nil)

// String formats the list as "word 0.8123" lines.
func (s Similarities) String() string {
	var b strings.Builder
	for _, x := range s {
		fmt.Fprintf(&b, "%-20s %.4f\n", x.Word, x.Similarity)
	}
	return b.String()
}

// Render shows the list as an HTML table with a text/plain fallback.
func (s Similarities) Render() plots.Bundle {
	var b strings.Builder
	b.WriteString(`<table><thead><tr><th>#</th><th>word</th><th>similarity</th></tr></thead><tbody>`)
	for i, x := range s {
		fmt.Fprintf(&b, `<tr><td>%d</td><td>%s</td><td>%.4f</td></tr>`, i+1, html.EscapeString(x.Word), x.Similarity)
	}
	b.WriteString(`</tbody></table>`)
	return plots.Bundle{plots.MIMEHTML: b.String(), plots.MIMEText: s.String()}
}

// indices looks words up, reporting the first missing one.
func (kv *KeyedVectors) indices(words []string) ([]int, error) {
	out := make([]int, len(words))
	for i, w := range words {
		j, ok := kv.index[w]
		if !ok {
			return nil, fmt.Errorf("vec: %q: %w", w, ErrNotFound)
		}
		out[i] = j
	}
	return out, nil
}

// MostSimilar returns the topN words closest by cosine to the mean of the
// unit vectors of positive minus those of negative (3CosAdd, as gensim's
// most_similar and the C tool's word-analogy). The query words themselves
// are never returned.
func (kv *KeyedVectors) MostSimilar(positive, negative []string, topN int) (Similarities, error) {
	pos, err := kv.indices(positive)
	if err != nil {
		return nil, err
	}
	neg, err := kv.indices(negative)
	if err != nil {
		return nil, err
	}
	return kv.mostSimilar(pos, neg, topN, kv.Len())
}

// SimilarByWord returns the topN nearest neighbours of word.
func (kv *KeyedVectors) SimilarByWord(word string, topN int) (Similarities, error) {
	return kv.MostSimilar([]string{word}, nil, topN)
}

// SimilarByVector returns the topN words closest by cosine to v
// (which may itself be a word's vector, so nothing is excluded).
func (kv *KeyedVectors) SimilarByVector(v []float32, topN int) (Similarities, error) {
	if len(v) != kv.Dim {
		return nil, fmt.Errorf("vec: query vector has length %d, want %d", len(v), kv.Dim)
	}
	q := make([]float64, len(v))
	for i, x := range v {
		q[i] = float64(x)
	}
	unit64(q)
	d := kv.cosines(q, kv.Len())
	return kv.collect(d, topK(d, topN, nil)), nil
}

// mostSimilar is MostSimilar on row indices, searching rows [0, limit).
func (kv *KeyedVectors) mostSimilar(pos, neg []int, topN, limit int) (Similarities, error) {
	if len(pos)+len(neg) == 0 {
		return nil, errors.New("vec: most similar needs at least one word")
	}
	if topN < 1 {
		return nil, nil
	}
	// mean = (Σ ŵ_pos − Σ ŵ_neg) / (len(pos)+len(neg)), then normalised.
	mean := make([]float64, kv.Dim)
	add := func(rows []int, sign float64) {
		for _, r := range rows {
			for j, x := range kv.unitRow(r) {
				mean[j] += sign * x
			}
		}
	}
	add(pos, 1)
	add(neg, -1)
	total := float64(len(pos) + len(neg))
	for j := range mean {
		mean[j] /= total
	}
	unit64(mean)
	skip := make(map[int]bool)
	for _, r := range append(append([]int(nil), pos...), neg...) {
		skip[r] = true
	}
	limit = min(limit, kv.Len())
	d := kv.cosines(mean, limit)
	return kv.collect(d, topK(d, topN, skip)), nil
}

func (kv *KeyedVectors) collect(scores []float64, idx []int) Similarities {
	out := make(Similarities, len(idx))
	for i, j := range idx {
		out[i] = Similar{kv.Words[j], scores[j]}
	}
	return out
}

// MostSimilarCosMul ranks words by 3CosMul (Levy & Goldberg 2014, eq. 4):
//
//	Π_pos (1+cos(x,p))/2 / (Π_neg (1+cos(x,n))/2 + 1e-6)
//
// as gensim's most_similar_cosmul. The query words are not returned.
func (kv *KeyedVectors) MostSimilarCosMul(positive, negative []string, topN int) (Similarities, error) {
	pos, err := kv.indices(positive)
	if err != nil {
		return nil, err
	}
	neg, err := kv.indices(negative)
	if err != nil {
		return nil, err
	}
	if len(pos) == 0 {
		return nil, errors.New("vec: 3CosMul needs at least one positive word")
	}
	if topN < 1 {
		return nil, nil
	}
	prod := func(rows []int) []float64 {
		p := make([]float64, kv.Len())
		for i := range p {
			p[i] = 1
		}
		for _, r := range rows {
			for i, c := range kv.cosines(kv.unitRow(r), kv.Len()) {
				p[i] *= (1 + c) / 2
			}
		}
		return p
	}
	num, den := prod(pos), prod(neg)
	d := make([]float64, len(num))
	for i := range d {
		d[i] = num[i] / (den[i] + 1e-6)
	}
	skip := make(map[int]bool)
	for _, r := range append(append([]int(nil), pos...), neg...) {
		skip[r] = true
	}
	return kv.collect(d, topK(d, topN, skip)), nil
}

// DoesntMatch returns the word farthest from the mean of the unit vectors
// of words (gensim's doesnt_match). Missing words are ignored; it is an
// error if none is known.
func (kv *KeyedVectors) DoesntMatch(words []string) (string, error) {
	var rows []int
	var used []string
	for _, w := range words {
		if i, ok := kv.index[w]; ok {
			rows = append(rows, i)
			used = append(used, w)
		}
	}
	if len(rows) == 0 {
		return "", errors.New("vec: doesn't match needs at least one known word")
	}
	mean := make([]float64, kv.Dim)
	units := make([][]float64, len(rows))
	for k, r := range rows {
		units[k] = kv.unitRow(r)
		for j, x := range units[k] {
			mean[j] += x
		}
	}
	unit64(mean)
	type scored struct {
		d float64
		w string
	}
	s := make([]scored, len(rows))
	for k := range rows {
		var dot float64
		for j, x := range units[k] {
			dot += x * mean[j]
		}
		s[k] = scored{dot, used[k]}
	}
	sort.Slice(s, func(a, b int) bool {
		if s[a].d != s[b].d {
			return s[a].d < s[b].d
		}
		return s[a].w < s[b].w
	})
	return s[0].w, nil
}

// Rank returns 1 + the number of words (other than w1) strictly closer to
// w1 than w2 is, by cosine distance (gensim's rank).
func (kv *KeyedVectors) Rank(w1, w2 string) (int, error) {
	rows, err := kv.indices([]string{w1, w2})
	if err != nil {
		return 0, err
	}
	d := kv.cosines(kv.unitRow(rows[0]), kv.Len())
	n := 1
	for i, c := range d {
		if i != rows[0] && 1-c < 1-d[rows[1]] {
			n++
		}
	}
	return n, nil
}
