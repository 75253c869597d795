package instruct

import (
	"github.com/lingo-nlp/lingo/nlp/text"
	"strconv"
	"strings"
)

// A Template turns an Example into a prompt and a response, the way FLAN
// (Wei et al. 2022) turns tasks into instructions:
//
//	Instruction: Compute the result.        ← once
//	Input: 12 + 30                          ← Shots exemplars, each with its answer
//	Answer: 42
//
//	Input: 17 + 25                          ← the query
//	Answer:                                 ← end of the prompt
//	 42                                     ← the response (the loss is on these tokens)
//
// With CoT the answers are "<reasoning> The answer is 42." (Wei et al.,
// "Chain-of-Thought Prompting", 2022), in the exemplars and in the target.
// The zero value is zero-shot without chain of thought.
type Template struct {
	Shots int  // exemplars shown in the prompt (0: zero-shot)
	CoT   bool // answers give their reasoning first
}

// ZeroShot and FewShot are the two usual templates.
func ZeroShot(cot bool) Template       { return Template{CoT: cot} }
func FewShot(k int, cot bool) Template { return Template{Shots: k, CoT: cot} }

// AnswerMarker introduces the final answer of a chain-of-thought response.
const AnswerMarker = "The answer is "

// End ends every response, so that generation can stop there.
const End = "\n"

// A Pair is a formatted example: the model reads Prompt and is trained to
// write Response.
type Pair struct {
	Prompt, Response string
	Example          Example
}

// String is Prompt + Response.
func (p Pair) String() string { return p.Prompt + p.Response }

// Name is "zero-shot", "3-shot", "zero-shot CoT", …
func (t Template) Name() string {
	s := "zero-shot"
	if t.Shots > 0 {
		s = strconv.Itoa(t.Shots) + "-shot"
	}
	if t.CoT {
		s += " CoT"
	}
	return s
}

// Target is the text after "Answer:" for ex: " 42" or
// " units 7 + 5 = 12, … The answer is 42.", followed by End.
func (t Template) Target(ex Example) string {
	if t.CoT && ex.Reasoning != "" {
		return " " + ex.Reasoning + " " + AnswerMarker + ex.Answer + "." + End
	}
	return " " + ex.Answer + End
}

// Format builds the prompt of ex with the first t.Shots of shots that have
// ex's instruction as exemplars (fewer if fewer are given; ex itself is
// skipped), and the target response.
func (t Template) Format(ex Example, shots []Example) Pair {
	var b strings.Builder
	b.WriteString("Instruction: " + ex.Instruction + "\n")
	n := 0
	for _, s := range shots {
		if n == t.Shots {
			break
		}
		if s.Instruction != ex.Instruction || (s.Input == ex.Input && s.Task == ex.Task) {
			continue
		}
		b.WriteString("Input: " + s.Input + "\nAnswer:" + t.Target(s) + "\n")
		n++
	}
	b.WriteString("Input: " + ex.Input + "\nAnswer:")
	return Pair{Prompt: b.String(), Response: t.Target(ex), Example: ex}
}

// Answer extracts the final answer from a generated response: the text up
// to End, and in it the part after the last AnswerMarker if there is one,
// without the final period and surrounding spaces.
func (t Template) Answer(response string) string {
	if i := strings.Index(response, End); i >= 0 {
		response = response[:i]
	}
	if i := strings.LastIndex(response, AnswerMarker); i >= 0 {
		response = response[i+len(AnswerMarker):]
	}
	return strings.TrimSuffix(strings.TrimSpace(response), ".")
}

// Encode tokenizes a pair into one sequence and its response mask:
// enc(Prompt) followed by enc(Response), the mask true on the response.
// Encoding the two parts separately keeps the boundary exact even for a
// BPE whose merges could cross it.
func (p Pair) Encode(enc text.Encoder) (ids []int, mask []bool) {
	a, r := enc.Encode(p.Prompt), enc.Encode(p.Response)
	return append(a, r...), ResponseMask(len(a), len(r))
}
