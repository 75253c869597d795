package instruct

import "math/rand/v2"

// capitals is a small table of countries and their capital cities,
// written for this project (names as in English usage).
var capitals = [][2]string{
	{"France", "Paris"}, {"Germany", "Berlin"}, {"Italy", "Rome"}, {"Spain", "Madrid"},
	{"Portugal", "Lisbon"}, {"Netherlands", "Amsterdam"}, {"Belgium", "Brussels"}, {"Austria", "Vienna"},
	{"Switzerland", "Bern"}, {"Poland", "Warsaw"}, {"Czechia", "Prague"}, {"Hungary", "Budapest"},
	{"Greece", "Athens"}, {"Sweden", "Stockholm"}, {"Norway", "Oslo"}, {"Denmark", "Copenhagen"},
	{"Finland", "Helsinki"}, {"Ireland", "Dublin"}, {"United Kingdom", "London"}, {"Russia", "Moscow"},
	{"Ukraine", "Kyiv"}, {"Turkey", "Ankara"}, {"Egypt", "Cairo"}, {"Kenya", "Nairobi"},
	{"Nigeria", "Abuja"}, {"South Africa", "Pretoria"}, {"Morocco", "Rabat"}, {"Ethiopia", "Addis Ababa"},
	{"China", "Beijing"}, {"Japan", "Tokyo"}, {"South Korea", "Seoul"}, {"India", "New Delhi"},
	{"Pakistan", "Islamabad"}, {"Thailand", "Bangkok"}, {"Vietnam", "Hanoi"}, {"Indonesia", "Jakarta"},
	{"Australia", "Canberra"}, {"New Zealand", "Wellington"}, {"Canada", "Ottawa"}, {"United States", "Washington"},
	{"Mexico", "Mexico City"}, {"Brazil", "Brasilia"}, {"Argentina", "Buenos Aires"}, {"Chile", "Santiago"},
	{"Peru", "Lima"}, {"Colombia", "Bogota"}, {"Cuba", "Havana"}, {"Iran", "Tehran"},
}

// Capitals is the family "capitals", asked open-book: the input is a
// short passage stating the capital of the asked country — alone, or
// with a distractor country in random order (half the examples each) —
// and the question ("Lima is the capital of Peru. Santiago is the
// capital of Chile. Chile?" → "Santiago"),
// checked by case-insensitive exact match. Examples about the same
// country share a Group, so a held-out country is never asked in
// training.
//
// It is open-book because the miniature model does not memorise facts in
// pretraining: even with the facts source in the mixture (FactsSource),
// the pretrained 2×64 Transformer completes "The capital of France is"
// with " Wellington." — no instruction tuning can recall what was never
// stored. Reading the answer from a passage (the reading-comprehension
// tasks of FLAN) is a skill it can be taught and use on countries it was
// never asked about. Half the passages are fictional — the asked country
// is given another country's capital — and the answer follows the
// passage: otherwise the model memorises the capitals of the training
// countries (the country is in the question) instead of learning to
// read, and fails on every held-out country. The sentences name the city first: when the
// answering sentence opens the passage (three examples in four), the
// answer is copied from a fixed place, as in Reversal; after a distractor
// the model must find the country. The reasoning quotes the sentence
// that answers.
func Capitals() Family {
	return Family{
		Name:        "capitals",
		Instruction: capitalsInstruction,
		Generate: func(rng *rand.Rand, n int) []Example {
			return uniqueExamples(n, func() Example {
				i := rng.IntN(len(capitals))
				j := (i + 1 + rng.IntN(len(capitals)-1)) % len(capitals)
				q, d := capitals[i], capitals[j]
				if rng.IntN(2) == 0 { // a fictional passage: another country's capital
					k := (i + 1 + rng.IntN(len(capitals)-1)) % len(capitals)
					q[1] = capitals[k][1]
				}
				sq := q[1] + " is the capital of " + q[0] + "."
				sd := d[1] + " is the capital of " + d[0] + "."
				return Example{Task: "capitals", Instruction: capitalsInstruction, Input: openBook(rng, sq, sd) + " " + q[0] + "?",
					Answer: q[1], Group: q[0], Reasoning: "the passage says: " + sq}
			})
		},
		Check: exactMatch,
	}
}

const capitalsInstruction = "Name the capital, as the passage says."

// openBook is the passage of an open-book question: the answering
// sentence alone or, half the time, with a distractor sentence before or
// after it.
func openBook(rng *rand.Rand, answer, distractor string) string {
	switch rng.IntN(4) {
	case 0:
		return answer + " " + distractor
	case 1:
		return distractor + " " + answer
	}
	return answer
}
