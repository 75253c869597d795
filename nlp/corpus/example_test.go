package corpus_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// The package's usage: the sentences of a corpus as a range loop, or
// item by item with a Scanner.
func Example() {
	c, err := corpus.Get("default") // "sotu", "moby-dick", … once installed
	if err != nil {
		fmt.Println(err)
		return
	}
	n := 0
	for s, err := range c.All() {
		if err != nil {
			fmt.Println(err) // e.g. not installed: says how to install
			return
		}
		words := text.Words(s.Text)
		n += len(words)
	}
	fmt.Println(n, "words")
	sc, err := corpus.Open("default")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sc.Close()
	for sc.Scan() {
		fmt.Println(sc.Text())
		break
	}
	// Output:
	// 6589 words
	// After two comes three.
}

func ExampleCorpus_All() {
	c, err := corpus.Get("default") // embedded: works with nothing installed
	if err != nil {
		panic(err)
	}
	n := 0
	for s, err := range c.All() {
		if err != nil {
			panic(err)
		}
		if n < 3 {
			fmt.Println(text.Words(s.Text))
		}
		n++
	}
	fmt.Println(n, "sentences")
	// Output:
	// [after two comes three]
	// [people in beijing speak chinese]
	// [the chicken and the goat are farm animals]
	// 900 sentences
}

func ExampleOpen() {
	os.Setenv("LINGO_DATA", os.TempDir()+"/lingo-nothing-here")
	os.Setenv("XDG_DATA_DIRS", os.TempDir()+"/lingo-nothing-here") // nor a system-wide install
	_, err := corpus.Open("moby-dick")
	fmt.Println(errors.Is(err, corpus.ErrNotInstalled))
	// Output: true
}
