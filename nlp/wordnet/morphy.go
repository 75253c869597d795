package wordnet

import "strings"

// substitutions are Morphy's detachment rules per part of speech (from
// morphy(7WN), in NLTK's order): replace the suffix old by new.
var substitutions = map[POS][][2]string{
	Noun: {{"s", ""}, {"ses", "s"}, {"ves", "f"}, {"xes", "x"}, {"zes", "z"},
		{"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	Verb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"},
		{"ed", ""}, {"ing", "e"}, {"ing", ""}},
	Adj:    {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
	AdjSat: {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
	Adv:    nil,
}

// Morphy returns the base form of an inflected word as found in WordNet,
// or "" if there is none: Morphy("churches", Noun) is "church",
// Morphy("ran", Verb) is "run". With AnyPOS it tries nouns, verbs,
// adjectives and adverbs in turn and returns the first base form, like
// NLTK's wn.morphy. The form is not lower-cased.
func (wn *WordNet) Morphy(form string, pos POS) string {
	poses := posList[:]
	if pos != AnyPOS {
		poses = []POS{pos}
	}
	for _, p := range poses {
		if p.file() < 0 {
			continue
		}
		if forms := wn.morphy(form, p, true); len(forms) > 0 {
			return forms[0]
		}
	}
	return ""
}

// MorphyAll returns every base form Morphy finds for pos (not AnyPOS);
// "axes" as a noun is both "ax" and "axis".
func (wn *WordNet) MorphyAll(form string, pos POS) []string {
	if pos.file() < 0 {
		return nil
	}
	return wn.morphy(form, pos, true)
}

// morphy is NLTK's _morphy: if form is in the exception list, its listed
// base forms (and form itself) that are in the index; otherwise apply the
// detachment rules once and return the forms (with the original) found in
// the index, and if none, keep applying the rules to the candidates until
// some are found or none are left.
func (wn *WordNet) morphy(form string, pos POS, checkExceptions bool) []string {
	fi := pos.file()
	ix := &wn.index[fi]
	filter := func(forms []string) []string {
		var out []string
		for _, f := range forms {
			if ix.has(f) && !contains(out, f) {
				out = append(out, f)
			}
		}
		return out
	}
	if checkExceptions {
		if base, ok := wn.exc[fi][form]; ok {
			return filter(append([]string{form}, base...))
		}
	}
	rules := substitutions[pos]
	apply := func(forms []string) []string {
		var out []string
		seen := map[string]bool{}
		for _, f := range forms {
			for _, r := range rules {
				if strings.HasSuffix(f, r[0]) {
					g := f[:len(f)-len(r[0])] + r[1]
					// Dropping repeats keeps NLTK's first-found order and
					// stops the candidate list from growing exponentially.
					if !seen[g] {
						seen[g] = true
						out = append(out, g)
					}
				}
			}
		}
		return out
	}
	forms := apply([]string{form})
	if res := filter(append([]string{form}, forms...)); len(res) > 0 {
		return res
	}
	for len(forms) > 0 {
		forms = apply(forms)
		if res := filter(forms); len(res) > 0 {
			return res
		}
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
