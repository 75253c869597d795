package llm

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

// Capitals is the family "capitals": name the capital of a country
// ("France" → "Paris"), checked by case-insensitive exact match. The
// reasoning is a sentence that states the fact.
func Capitals() Family {
	return Family{
		Name:        "capitals",
		Instruction: "Name the capital city of the country.",
		Generate: func(rng *rand.Rand, n int) []Example {
			var out []Example
			for _, i := range rng.Perm(len(capitals))[:min(n, len(capitals))] {
				c := capitals[i]
				out = append(out, Example{Task: "capitals", Instruction: "Name the capital city of the country.", Input: c[0], Answer: c[1],
					Reasoning: "The government of " + c[0] + " sits in " + c[1] + "."})
			}
			return out
		},
		Check: exactMatch,
	}
}
