package segment_test

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/segment"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// The package's usage: tokens, words, and a text.Tokenizer that cuts Han
// runs into words.
func Example() {
	fmt.Println(segment.Tokens("我来到北京清华大学。")) // [我 来到 北京 清华大学 。]
	fmt.Println(segment.Words("青蛙 Frogs"))    // [青蛙 frogs]
	tok := text.Tokenizer{Punct: true, Han: segment.Cut}
	fmt.Println(tok.Tokenize("青蛙住在池塘里。"))
	// Output:
	// [我 来到 北京 清华大学 。]
	// [青蛙 frogs]
	// [青蛙 住 在 池塘 里 。]
}

func ExampleTokens() {
	fmt.Println(strings.Join(segment.Tokens("我来到北京清华大学，学习Go语言。"), " / "))
	// Output: 我 / 来到 / 北京 / 清华大学 / ， / 学习 / Go / 语言 / 。
}

func ExampleWords() {
	fmt.Println(segment.Words("Frogs don't live in Paris; 青蛙住在池塘里。"))
	// Output: [frogs don't live in paris 青蛙 住 在 池塘 里]
}

func ExampleCut() {
	tok := text.Tokenizer{Punct: true, Han: segment.Cut}
	fmt.Printf("%q\n", tok.Tokenize("南京市长江大桥。"))
	// Output: ["南京市" "长江大桥" "。"]
}
