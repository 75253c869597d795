package ngram

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestNativeRoundTrip(t *testing.T) {
	for _, cfg := range []Config{
		{Order: 3},
		{Order: 1, Smoothing: Laplace},
		{Order: 4, Smoothing: KneserNey, NLTK: true, MinCount: 2},
		{Order: 3, Discounts: [][3]float64{{0.5, 1.0, 1.5}, {0.6, 1.1, 1.7}, {0.7, 1.2, 1.8}}},
	} {
		m, err := Train(lecture, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		m2, err := Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%+v: %v", cfg, err)
		}
		if a, b := m.Perplexity(lecture[:5]), m2.Perplexity(lecture[:5]); a != b && !(math.IsInf(a, 1) && math.IsInf(b, 1)) {
			t.Errorf("%+v: perplexity %v → %v", cfg, a, b)
		}
		for _, s := range allSmoothings {
			x, err1 := m.WithSmoothing(s)
			y, err2 := m2.WithSmoothing(s)
			if (err1 == nil) != (err2 == nil) {
				t.Fatal(err1, err2)
			}
			if err1 != nil {
				continue
			}
			for _, w := range x.Vocab().Words() {
				if p, q := x.Prob(w, []string{"today", "the"}), y.Prob(w, []string{"today", "the"}); p != q {
					t.Fatalf("%v: P(%s) %v → %v", s, w, p, q)
				}
			}
		}
		// Every truncation fails cleanly.
		for n := 0; n < buf.Len(); n += 1 + buf.Len()/50 {
			if _, err := Load(bytes.NewReader(buf.Bytes()[:n])); err == nil {
				t.Fatalf("truncated at %d accepted", n)
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	m, _ := Train(toy, Config{Order: 3})
	var buf bytes.Buffer
	m.WriteTo(&buf)
	good := buf.Bytes()
	f.Add(good)
	f.Add([]byte(nativeMagic))
	// nasty cases: a NaN K (bytes 16–23), an order of 2^32−1 (bytes 8–11),
	// a vocabulary size of 2^32−16 (bytes 46–49, after the config), a
	// trie level declaring 2^32−1 n-grams, and the file cut in half
	mutate := func(at int, b ...byte) []byte {
		m := bytes.Clone(good)
		copy(m[at:], b)
		return m
	}
	f.Add(mutate(16, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f))
	f.Add(mutate(8, 0xff, 0xff, 0xff, 0xff))
	f.Add(mutate(46, 0xf0, 0xff, 0xff, 0xff))
	f.Add(append(good[:len(good)/2:len(good)/2], 0xff, 0xff, 0xff, 0xff))
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(bytes.NewReader(b))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ngram: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		for _, w := range m.Vocab().Words() {
			m.Prob(w, m.Vocab().Words())
		}
		m.NextWords([]string{"a", "b"}, 3)
		m.Perplexity([][]string{{"a", "b", "zz"}})
	})
}
