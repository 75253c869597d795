package lm

import (
	"math"
	"strings"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

func TestComparison(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	ids := v.Encode(tiny)
	fw, _ := NewFixedWindow(v, WindowConfig{Context: 3, Seed: 1})
	var c Comparison
	c.Add("3-gram", 120, 0, 1.5).AddModel(fw, nil, ids)
	b := c.Render()
	if !strings.Contains(b["text/plain"], "fixed window (n=3)") || !strings.Contains(b["text/html"], "<svg") {
		t.Errorf("render: %s", b["text/plain"])
	}
}

func TestAttentionRows(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	m, _ := NewTransformer(v, TransformerConfig{Block: 16, Dim: 16, Heads: 2, Layers: 2, Seed: 1})
	ids := v.Encode("the cat sat")
	att, err := m.Attention(ids, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range att {
		var s float64
		for j, a := range row {
			if j > i && a != 0 {
				t.Fatalf("position %d attends to future position %d", i, j)
			}
			s += a
		}
		if math.Abs(s-1) > 1e-9 {
			t.Fatalf("row %d sums to %g", i, s)
		}
	}
	if _, err := m.Attention(ids, 2, 0); err == nil {
		t.Error("layer 2 of 2 accepted")
	}
	if _, err := AttentionHeatmap(m, ids, 0, 0); err != nil {
		t.Error(err)
	}
	r, _ := NewRNN(v, RNNConfig{Hidden: 8})
	l, _ := NewRNN(v, RNNConfig{Cell: LSTM, Hidden: 8})
	if ch := GradientChart(ids, r, l); len(ch.Series) != 2 {
		t.Errorf("%d series", len(ch.Series))
	}
}

// TestAttentionMatchesBlock rebuilds the first block's output from the
// weights Attention returns (y = Σ_j α_ij v_j per head, projected, plus the
// MLP) and compares it with nn.Block.Forward, so the heatmap shows the
// weights the model really uses.
func TestAttentionMatchesBlock(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	m, _ := NewTransformer(v, TransformerConfig{Block: 16, Dim: 16, Heads: 2, Layers: 1, Seed: 4})
	ids := v.Encode("the dog ate")
	T, C, H := len(ids), 16, 2
	D := C / H
	atts := make([][][]float64, H)
	for h := range H {
		atts[h], _ = m.Attention(ids, 0, h)
	}
	ag.NoGrad(func() {
		x := ag.Add(m.WTE.Forward(ids, 1, T), m.WPE.Forward(m.pos[:T], T))
		blk := m.Blocks[0]
		want := blk.Forward(x)
		qkv := blk.Attn.QKV.Forward(blk.LN1.Forward(x))
		y := make([]float32, T*C)
		for h := range H {
			for i := range T {
				for j := 0; j <= i; j++ {
					for d := range D {
						y[i*C+h*D+d] += float32(atts[h][i][j]) * qkv.Data[j*3*C+2*C+h*D+d]
					}
				}
			}
		}
		x1 := ag.Add(x, blk.Attn.Proj.Forward(ag.FromSlice(y, 1, T, C)))
		got := ag.Add(x1, blk.FC2.Forward(ag.GELU(blk.FC.Forward(blk.LN2.Forward(x1)))))
		for i := range got.Data {
			if math.Abs(float64(got.Data[i]-want.Data[i])) > 1e-4 {
				t.Fatalf("element %d: rebuilt %g, block %g", i, got.Data[i], want.Data[i])
			}
		}
	})
}
