package segment_test

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/segment"
	"github.com/lingo-nlp/lingo/nlp/text"
)

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
