package text_test

import (
	"fmt"
	"slices"

	"github.com/lingo-nlp/lingo/nlp/segment"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// The package's usage: words, sentences, a byte-pair encoding trained on
// lines of text, a vocabulary.
func Example() {
	words := text.Words("Frogs (青蛙) live in ponds.") // [frogs 青 蛙 live in ponds]
	s := "青蛙住在池塘里"
	zhWords := text.Tokenizer{Lower: true, Han: segment.Cut}.Tokenize(s) // = segment.Words(s)
	sents := text.Sentences("Dr. Smith left. He was tired!")
	fmt.Printf("%q %q %q\n", words, zhWords, sents)
	lines := []string{"hello world", "hello there", "world peace"}
	bpe, err := text.TrainBPE(slices.Values(lines), text.BPEConfig{VocabSize: 270})
	if err != nil {
		fmt.Println(err)
		return
	}
	ids := bpe.Encode("hello world")
	fmt.Printf("%d ids: %q\n", len(ids), bpe.Pieces("hello world"))
	v, err := text.BuildVocab(slices.Values(words), text.VocabConfig{MinCount: 1, Unknown: "<unk>"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Len(), "words in the vocabulary")
	// Output:
	// ["frogs" "青" "蛙" "live" "in" "ponds"] ["青蛙" "住" "在" "池塘" "里"] ["Dr. Smith left." "He was tired!"]
	// 3 ids: ["hello" " " "world"]
	// 7 words in the vocabulary
}

func ExampleWords() {
	fmt.Println(text.Words("Frogs don't live in Paris; 青蛙住在池塘里。"))
	// Output: [frogs don't live in paris 青 蛙 住 在 池 塘 里]
}

func ExampleTokenizer_Tokenize() {
	t := text.Tokenizer{Punct: true}
	fmt.Printf("%q\n", t.Tokenize("It costs $3.50... 清华!"))
	// Output: ["It" "costs" "$" "3.50" "..." "清" "华" "!"]
}

func ExampleSentences() {
	for _, s := range text.Sentences("Dr. Smith arrived at 5 p.m. today. Was he late? 他没有迟到。真的！") {
		fmt.Println(s)
	}
	// Output:
	// Dr. Smith arrived at 5 p.m. today.
	// Was he late?
	// 他没有迟到。
	// 真的！
}

func ExampleToSimplified() {
	fmt.Println(text.ToSimplified("舉頭望明月，低頭思故鄉。"))
	// Output: 举头望明月，低头思故乡。
}

func ExampleTrainBPE() {
	corpus := []string{"low lower lowest", "new newer newest", "low new slow snow"}
	bpe, err := text.TrainBPE(slices.Values(corpus), text.BPEConfig{VocabSize: 270})
	if err != nil {
		panic(err)
	}
	ids := bpe.Encode("slowest newt")
	back, _ := bpe.Decode(ids)
	// Training stops early, at 266 ids, when no pair occurs twice.
	fmt.Printf("%d ids %q\n", bpe.Len(), bpe.Pieces("slowest newt"))
	fmt.Println(back == "slowest newt")
	// Output:
	// 266 ids ["s" "low" "est" " new" "t"]
	// true
}

func ExampleBuildVocab() {
	words := text.Words("the cat sat on the mat and the dog sat too")
	v, err := text.BuildVocab(slices.Values(words), text.VocabConfig{MinCount: 2, Unknown: "<unk>"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Words())
	fmt.Println(v.Encode(text.Words("the dog sat")))
	// Output:
	// [<unk> the sat]
	// [1 0 2]
}
