package smt_test

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/ngram"
	"github.com/lingo-nlp/lingo/nlp/segment"
	"github.com/lingo-nlp/lingo/nlp/smt"
)

func ExampleDecoder_Translate() {
	table := smt.NewTable([]smt.PhrasePair{
		{Source: []string{"我"}, Target: []string{"i"}},
		{Source: []string{"昨天"}, Target: []string{"yesterday"}},
		{Source: []string{"见"}, Target: []string{"saw"}},
		{Source: []string{"他"}, Target: []string{"him"}},
		{Source: []string{"了"}, Target: nil}, // an aspect particle: dropped
	}, 0)
	var english [][]string
	for range 5 {
		english = append(english, strings.Fields("i saw him yesterday"))
	}
	lm, _ := ngram.Train(english, ngram.Config{Order: 3})
	src := strings.Fields("我 昨天 见 了 他")
	for _, limit := range []int{0, 4} {
		d := &smt.Decoder{Table: table, LM: lm, Config: smt.Config{DistortionLimit: limit}}
		tr, _ := d.Translate(src)
		fmt.Printf("distortion limit %d: %-22s source order %s\n", limit, tr, tr.Order())
	}
	// Output:
	// distortion limit 0: i yesterday saw him    source order 0 | 1 | 2 | 3 | 4
	// distortion limit 4: i saw him yesterday    source order 0 | 2 | 4 | 1 | 3
}

// ExampleFromCEDICT needs CC-CEDICT (./install.sh installs it), so it is
// compiled, not run.
func ExampleFromCEDICT() {
	dict, _ := corpus.LoadCEDICT()
	table := smt.FromCEDICT(dict, 0)
	english, _ := ngram.Train([][]string{strings.Fields("i saw him in beijing yesterday")}, ngram.Config{Order: 3})
	src := table.Prepare(segment.Tokens("我昨天在北京见了他。"))
	d := &smt.Decoder{Table: table, LM: english, Config: smt.Config{DistortionLimit: 6}}
	tr, _ := d.Translate(src)
	fmt.Println(tr)
}
