package instruct

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// An Example is one item of an instruction data set.
type Example struct {
	Task        string // the task family ("arithmetic", "capitals", …)
	Instruction string // what to do, in words
	Input       string // the item to do it on
	Answer      string // the reference answer
	// Accept lists other answers that are also right (the synonyms of a
	// word); the family's checker decides how they are compared.
	Accept []string
	// Reasoning is the chain of thought that leads to Answer, used by
	// templates with CoT targets.
	Reasoning string
	// Group keeps examples about the same thing together when Split holds
	// some out (the country of an open-book capitals question asked with
	// different passages): a held-out group is never seen in training,
	// neither asked about nor named in another example's input (Split and
	// Fresh leave out the passages that mention it). Empty means the
	// example is its own group.
	Group string
}

// A Family is a task family: how to generate its examples and how to
// check an answer by exact match (after the family's normalisation).
type Family struct {
	Name        string
	Instruction string
	// Generate returns up to n distinct examples drawn with rng.
	Generate func(rng *rand.Rand, n int) []Example
	// Check reports whether answer (already extracted from the model's
	// response, see Template.Answer) is right for ex.
	Check func(ex Example, answer string) bool
}

// Normalize is the normalisation of the exact-match checkers: surrounding
// white space and a final period are removed, inner runs of white space
// become one space, and the result is lower-cased.
func Normalize(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSuffix(s, ".")
	return strings.ToLower(strings.TrimSpace(s))
}

// exactMatch accepts ex.Answer or any of ex.Accept after Normalize.
func exactMatch(ex Example, answer string) bool {
	a := Normalize(answer)
	if a == Normalize(ex.Answer) {
		return true
	}
	for _, alt := range ex.Accept {
		if a == Normalize(alt) {
			return true
		}
	}
	return false
}

// Split shuffles examples with seed and holds out a fraction of each task
// family's groups (Example.Group, or the example itself; at least one
// group of a family with two or more), so that every family is evaluated
// and no held-out group is seen in training: a training example whose
// input names a held-out group (a held-out country in the distractor
// sentence of another country's passage) is left out of both halves,
// so that a held-out question tests reading about a country the model
// has never read about. The input is not modified.
func Split(examples []Example, heldOut float64, seed uint64) (train, test []Example, err error) {
	if heldOut < 0 || heldOut >= 1 {
		return nil, nil, fmt.Errorf("instruct: held-out fraction must be in [0, 1), got %g", heldOut)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5b1))
	var order []string
	byTask := map[string][]Example{}
	for _, ex := range examples {
		if _, ok := byTask[ex.Task]; !ok {
			order = append(order, ex.Task)
		}
		byTask[ex.Task] = append(byTask[ex.Task], ex)
	}
	for _, task := range order {
		exs := byTask[task]
		var groups []string
		members := map[string][]Example{}
		for i, ex := range exs {
			g := ex.Group
			if g == "" {
				g = fmt.Sprintf("\x00%d", i)
			}
			if _, ok := members[g]; !ok {
				groups = append(groups, g)
			}
			members[g] = append(members[g], ex)
		}
		rng.Shuffle(len(groups), func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
		k := int(heldOut*float64(len(groups)) + 0.5)
		if k == 0 && heldOut > 0 && len(groups) >= 2 {
			k = 1
		}
		var held groupNames // the named groups held out, for the passages that mention them
		for _, g := range groups[:k] {
			test = append(test, members[g]...)
			if name := members[g][0].Group; name != "" {
				held = append(held, name)
			}
		}
		for _, g := range groups[k:] {
			for _, ex := range members[g] {
				if !held.mentioned(ex.Input) {
					train = append(train, ex)
				}
			}
		}
	}
	return train, test, nil
}

// groupNames are the named groups (Example.Group) held out of one task
// family.
type groupNames []string

// mentioned reports whether input names one of the groups as a whole
// word or phrase ("Peru" in "Lima is the capital of Peru.", not in
// "Peruvian"). An empty name is never mentioned.
func (gs groupNames) mentioned(input string) bool {
	for _, g := range gs {
		for i := 0; g != ""; {
			j := strings.Index(input[i:], g)
			if j < 0 {
				break
			}
			at, end := i+j, i+j+len(g)
			before, _ := utf8.DecodeLastRuneInString(input[:at])
			after, _ := utf8.DecodeRuneInString(input[end:])
			if (at == 0 || !text.IsWordRune(before)) && (end == len(input) || !text.IsWordRune(after)) {
				return true
			}
			i = at + 1
		}
	}
	return false
}

// DatasetConfig says how to build the instruction data set. The zero value
// builds 50 examples per family with seed 0.
type DatasetConfig struct {
	PerTask int    // examples per family (default 50, at most 65536)
	Seed    uint64 // drives the generators
	// WordNetDir is where WordNet is (empty: wordnet.Open's search). When
	// WordNet is not found the word-relation family is skipped with a note.
	WordNetDir string
}

// A Dataset is the generated instruction data with the families that made
// it and notes on data that was missing (and what replaced it).
type Dataset struct {
	Examples []Example
	Families map[string]Family
	Notes    []string
}

// Check runs the checker of ex's family on answer.
func (d *Dataset) Check(ex Example, answer string) bool {
	if f, ok := d.Families[ex.Task]; ok && f.Check != nil {
		return f.Check(ex, answer)
	}
	return exactMatch(ex, answer)
}

// maxPerTask bounds DatasetConfig.PerTask: a family draws up to 20 times
// as many candidates as it keeps.
const maxPerTask = 1 << 16

// NewDataset generates the instruction data set: arithmetic, reversal,
// sentiment (the labelled sentences and the AFINN lexicon of package
// corpus, or small embedded lists when they are not installed), capitals
// and word relations from WordNet (skipped when WordNet is missing).
func NewDataset(cfg DatasetConfig) (*Dataset, error) {
	if cfg.PerTask < 0 || cfg.PerTask > maxPerTask {
		return nil, fmt.Errorf("instruct: DatasetConfig.PerTask must be in 0…%d (0: 50), got %d", maxPerTask, cfg.PerTask)
	}
	if cfg.PerTask == 0 {
		cfg.PerTask = 50
	}
	d := &Dataset{Families: map[string]Family{}}
	fams := []Family{Arithmetic(), Reversal()}
	lex, note := LoadAFINN()
	if note != "" {
		d.Notes = append(d.Notes, note)
	}
	sent, note := SentimentFamily(lex)
	if note != "" {
		d.Notes = append(d.Notes, note)
	}
	fams = append(fams, sent, Capitals())
	wr, err := WordRelations(cfg.WordNetDir)
	if err != nil {
		d.Notes = append(d.Notes, "word relations skipped: "+err.Error())
	} else {
		fams = append(fams, wr)
	}
	for i, f := range fams {
		rng := rand.New(rand.NewPCG(cfg.Seed, uint64(i)+1))
		exs := f.Generate(rng, cfg.PerTask)
		if len(exs) == 0 {
			return nil, errors.New("instruct: family " + f.Name + " generated no examples")
		}
		d.Examples = append(d.Examples, exs...)
		d.Families[f.Name] = f
	}
	return d, nil
}

// uniqueExamples draws with gen until n examples with distinct inputs are
// found or 20·n attempts have been made.
func uniqueExamples(n int, gen func() Example) []Example {
	seen := map[string]bool{}
	var out []Example
	for try := 0; len(out) < n && try < 20*n+20; try++ {
		ex := gen()
		if seen[ex.Input] {
			continue
		}
		seen[ex.Input] = true
		out = append(out, ex)
	}
	return out
}

// FirstPerTask keeps the first n examples of every task family, in order:
// a smaller prompt set (for sampling preference pairs or PPO rollouts)
// with every family in it.
func FirstPerTask(examples []Example, n int) []Example {
	count := map[string]int{}
	var out []Example
	for _, ex := range examples {
		if count[ex.Task] < n {
			count[ex.Task]++
			out = append(out, ex)
		}
	}
	return out
}

// Fresh generates up to n new examples per task family (families in
// name order, drawn with seed) for a later stage that needs prompts of
// its own, as InstructGPT collected separate prompts for SFT, the reward
// model and PPO (Ouyang et al. 2022, Table 6). An example is left out
// when it is about a group of heldOut (a held-out country or word),
// names one in its input, or has the input of an example of heldOut or
// seen (already used, e.g. in SFT). Families whose inputs are exhausted
// give fewer than n.
func (d *Dataset) Fresh(n int, seed uint64, heldOut, seen []Example) []Example {
	skipGroup, skipInput := map[string]bool{}, map[string]bool{}
	named := map[string]groupNames{} // the held-out groups of each family
	for _, ex := range heldOut {
		if ex.Group != "" && !skipGroup[ex.Task+"\x00"+ex.Group] {
			skipGroup[ex.Task+"\x00"+ex.Group] = true
			named[ex.Task] = append(named[ex.Task], ex.Group)
		}
		skipInput[ex.Task+"\x00"+ex.Input] = true
	}
	for _, ex := range seen {
		skipInput[ex.Task+"\x00"+ex.Input] = true
	}
	names := make([]string, 0, len(d.Families))
	for name := range d.Families {
		names = append(names, name)
	}
	slices.Sort(names)
	var out []Example
	for i, name := range names {
		rng := rand.New(rand.NewPCG(seed, 0xf7e5+uint64(i)))
		k := 0
		// ask for more than n: some of them are left out
		for _, ex := range d.Families[name].Generate(rng, 20*n) {
			if k == n {
				break
			}
			if (ex.Group != "" && skipGroup[ex.Task+"\x00"+ex.Group]) || skipInput[ex.Task+"\x00"+ex.Input] || named[ex.Task].mentioned(ex.Input) {
				continue
			}
			out = append(out, ex)
			k++
		}
	}
	return out
}
