// Package instruct holds the instruction data of the course's miniature
// ChatGPT: task families that make examples, templates that turn an
// example into a prompt and a response, the response-only loss mask, and
// chat templates. It depends on no network: package llm trains models on
// what it makes (SFT) and evaluates them on it.
//
// # Instruction tuning
//
// A task example (instruction, input, answer, optional reasoning) is turned
// into a prompt/response pair by a Template (zero-shot or few-shot, with or
// without a chain-of-thought target). The loss is averaged over response
// tokens only (ResponseMask): the model is not trained to write prompts.
//
//	L = −(1/|R|) Σ_{t ∈ R} log π(y_t | x, y_<t),   R the response positions
//
// # Task families at miniature scale
//
// The instruction data are variants a two-layer, 64-d model can learn
// (each documented on its family): arithmetic is a two-digit number plus
// or minus a one-digit one without carrying; reversal spells three
// letters backwards, written with hyphens so each letter is a token;
// capitals and word relations are asked open-book, with a passage that
// states the answer (half the passages fictional, so the answer must be
// read, not remembered); sentiment labels reviews, checked against the
// AFINN lexicon's view. Facts states the same knowledge as plain
// sentences, for a pretraining mixture. Split holds out whole groups
// (countries, words), so held-out questions are about things the model
// was never asked about; Dataset.Fresh makes new examples for later
// stages (no held-out group, no input seen before).
//
// # Chat
//
// ChatTemplate writes a conversation with role markers, masks the
// assistant turns for training and shows conversations as plots.Chat
// transcripts; SideBySide puts several models' answers to one question
// next to each other. A Chat keeps a conversation's state: each Say adds a
// user turn and the model's reply, and the model reads the earlier turns
// too — as many of the latest as fit in its context.
//
// References: J. Wei et al., "Finetuned Language Models Are Zero-Shot
// Learners" (FLAN), ICLR 2022; J. Wei et al., "Chain-of-Thought Prompting
// Elicits Reasoning in Large Language Models", NeurIPS 2022; L. Ouyang et
// al., "Training language models to follow instructions with human
// feedback" (InstructGPT), NeurIPS 2022; F. Å. Nielsen, "A new ANEW"
// (AFINN), 2011.
//
// # Usage
//
//	data, _ := instruct.NewDataset(instruct.DatasetConfig{PerTask: 20, Seed: 1})
//	train, test, _ := instruct.Split(data.Examples, 0.2, 1)
//	p := instruct.FewShot(2, true).Format(train[0], train) // prompt + response
//	bpe, err := text.NewBPE(nil)                           // bytes, no merges
//	ids, mask := p.Encode(bpe)                             // mask: the response tokens
package instruct
