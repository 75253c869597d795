// Package smt is statistical machine translation in miniature: a
// noisy-channel phrase decoder that translates with a dictionary and a
// language model, the way MT worked from the IBM models of the 1990s to
// Google's switch to neural MT in 2016.
//
// Translating a source sentence x means finding
//
//	ŷ = argmax_y P(y | x) = argmax_y P(x | y) · P(y)
//
// (Bayes; P(x) is the same for every y). The translation model P(x | y)
// says whether y means x — here a phrase Table, such as FromCEDICT builds
// from CC-CEDICT, with P(x | y) = 1/n(y) for a target phrase listed under
// n(y) source words; the language model P(y) (an ngram.Model) says
// whether y is English. Neither knows about word order across phrases:
// the translation model is blind to it, the language model only sees a
// few words at a time. The Decoder searches the translations phrase by
// phrase (Koehn, Och & Marcu 2003; Koehn 2004), either in the source's
// order (monotone, DistortionLimit 0: word-by-word translation) or
// jumping up to DistortionLimit words, optionally paying Distortion per
// word jumped; Score scores a translation given by hand.
//
// What this shows is why word-by-word translation fails: Chinese puts a
// modifier before what it modifies (几百万人口的阿兹特克帝国, "several
// million people's Aztec empire"), English often after ("the Aztec empire
// with a population of several million"), and a language model that sees
// three words at a time cannot move a phrase five words away on its own.
// Statistical systems added reordering models learnt from parallel text;
// neural MT learns the reordering with everything else.
//
// References:
//   - P. F. Brown et al., The Mathematics of Statistical Machine
//     Translation: Parameter Estimation, Computational Linguistics 19(2),
//     1993.
//   - P. Koehn, F. J. Och and D. Marcu, Statistical Phrase-Based
//     Translation, NAACL 2003.
//   - P. Koehn, Pharaoh: a beam search decoder for phrase-based
//     statistical machine translation models, AMTA 2004.
//   - CC-CEDICT, https://cc-cedict.org (the dictionary, CC BY-SA 4.0).
//
// Usage:
//
//	dict, _ := corpus.LoadCEDICT()
//	table := smt.FromCEDICT(dict, 0)
//	src := table.Prepare(segment.Tokens("我昨天在北京见了他。"))
//	d := &smt.Decoder{Table: table, LM: english, Config: smt.Config{DistortionLimit: 6}}
//	tr, _ := d.Translate(src)
package smt
