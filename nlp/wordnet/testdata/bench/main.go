package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

type workload struct {
	Words []struct {
		Word  string `json:"word"`
		First string `json:"first"`
	} `json:"words"`
	Pairs []struct {
		A, B string
	} `json:"pairs"`
	Morphy []struct {
		Form string `json:"form"`
	} `json:"morphy"`
}

type result struct {
	N       int     `json:"n"`
	Seconds float64 `json:"seconds"` // median over reps
}

func main() {
	dir := flag.String("dir", "/usr/share/wordnet", "WordNet dictionary directory")
	fixture := flag.String("fixture", "nlp/wordnet/testdata/nltk.json", "workload (the test fixture)")
	reps := flag.Int("reps", 5, "repetitions; medians are reported")
	flag.Parse()
	if err := run(*dir, *fixture, *reps); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func median(reps int, f func()) float64 {
	var ts []float64
	for range reps {
		t := time.Now()
		f()
		ts = append(ts, time.Since(t).Seconds())
	}
	slices.Sort(ts)
	return ts[len(ts)/2]
}

func run(dir, fixture string, reps int) error {
	b, err := os.ReadFile(fixture)
	if err != nil {
		return err
	}
	var w workload
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	out := map[string]result{}
	var wn *wordnet.WordNet
	out["open"] = result{1, median(reps, func() {
		if wn != nil {
			wn.Close()
		}
		wn, err = wordnet.Open(dir)
	})}
	if err != nil {
		return err
	}
	// Cold: a fresh database, synsets read from disk on first use.
	var cold []float64
	for range reps {
		wn.Close()
		wn, _ = wordnet.Open(dir)
		t := time.Now()
		for _, x := range w.Words {
			wn.Synsets(x.Word, wordnet.AnyPOS)
		}
		cold = append(cold, time.Since(t).Seconds())
	}
	slices.Sort(cold)
	out["synsets cold"] = result{len(w.Words), cold[len(cold)/2]}
	const warm = 20
	out["synsets warm"] = result{warm * len(w.Words), median(reps, func() {
		for range warm {
			for _, x := range w.Words {
				wn.Synsets(x.Word, wordnet.AnyPOS)
			}
		}
	})}
	var names []string
	for _, x := range w.Words {
		if x.First != "" {
			names = append(names, x.First)
		}
	}
	out["synset(name)"] = result{warm * len(names), median(reps, func() {
		for range warm {
			for _, n := range names {
				wn.Synset(n)
			}
		}
	})}
	out["morphy"] = result{len(w.Morphy), median(reps, func() {
		for _, m := range w.Morphy {
			wn.Morphy(m.Form, wordnet.AnyPOS)
		}
	})}
	type pair struct{ a, b *wordnet.Synset }
	var pairs []pair
	for _, p := range w.Pairs {
		a, err1 := wn.Synset(p.A)
		b, err2 := wn.Synset(p.B)
		if err1 == nil && err2 == nil {
			pairs = append(pairs, pair{a, b})
		}
	}
	out["hypernym closure"] = result{len(pairs), median(reps, func() {
		for _, p := range pairs {
			p.a.Closure((*wordnet.Synset).Hypernyms, -1)
		}
	})}
	out["path_similarity"] = result{len(pairs), median(reps, func() {
		for _, p := range pairs {
			p.a.PathSimilarity(p.b)
		}
	})}
	out["wup_similarity"] = result{len(pairs), median(reps, func() {
		for _, p := range pairs {
			p.a.WuPalmerSimilarity(p.b)
		}
	})}
	// The first LCH call per part of speech computes the taxonomy depth.
	dog, _ := wn.Synset("dog.n.01")
	t := time.Now()
	dog.LCHSimilarity(dog)
	out["lch first call (noun depth)"] = result{1, time.Since(t).Seconds()}
	out["lch_similarity"] = result{len(pairs), median(reps, func() {
		for _, p := range pairs {
			p.a.LCHSimilarity(p.b)
		}
	})}
	return json.NewEncoder(os.Stdout).Encode(out)
}
