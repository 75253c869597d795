package instruct

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestCheckers(t *testing.T) {
	for _, tc := range []struct {
		fam    Family
		ex     Example
		answer string
		want   bool
	}{
		{Arithmetic(), Example{Answer: "42"}, "42", true},
		{Arithmetic(), Example{Answer: "42"}, " 42.", true},
		{Arithmetic(), Example{Answer: "42"}, "forty-two", false},
		{Arithmetic(), Example{Answer: "42"}, "43", false},
		{Reversal(), Example{Answer: "t-a-c"}, "t-a-c", true},
		{Reversal(), Example{Answer: "t-a-c"}, " t-a-c.", true},
		{Reversal(), Example{Answer: "t-a-c"}, "T-a-c", false},
		{Reversal(), Example{Answer: "t-a-c"}, "c-a-t", false},
		{Capitals(), Example{Answer: "Paris"}, "paris", true},
		{Capitals(), Example{Answer: "Mexico City"}, "Mexico  city.", true},
		{Capitals(), Example{Answer: "Paris"}, "Lyon", false},
		{Family{Check: exactMatch}, Example{Answer: "canine", Accept: []string{"domestic animal"}}, "Domestic animal", true},
	} {
		if got := tc.fam.Check(tc.ex, tc.answer); got != tc.want {
			t.Errorf("%s: Check(%q, %q) = %v", tc.fam.Name, tc.ex.Answer, tc.answer, got)
		}
	}
}

func TestArithmeticAnswers(t *testing.T) {
	// Every generated answer is the value of its input, recomputed here.
	for _, ex := range Arithmetic().Generate(rand.New(rand.NewPCG(1, 2)), 200) {
		f := strings.Fields(ex.Input)
		a, _ := strconv.Atoi(f[0])
		b, _ := strconv.Atoi(f[2])
		want := map[string]int{"+": a + b, "-": a - b, "*": a * b}[f[1]]
		if ex.Answer != strconv.Itoa(want) || !strings.Contains(ex.Reasoning, strconv.Itoa(want)) {
			t.Errorf("%s = %s (reasoning %q), want %d", ex.Input, ex.Answer, ex.Reasoning, want)
		}
	}
	// 34 + 5: units 4 + 5 = 9 keep tens 3 → 39; 87 - 4 → 83 (by hand).
	ex := Example{Input: "34 + 5", Answer: "39"}
	if !Arithmetic().Check(ex, " 39.") {
		t.Error("39 for 34 + 5 rejected")
	}
	for _, ex := range Arithmetic().Generate(rand.New(rand.NewPCG(3, 4)), 300) {
		f := strings.Fields(ex.Input)
		a, _ := strconv.Atoi(f[0])
		b, _ := strconv.Atoi(f[2])
		if a < 10 || a > 99 || b > 9 || (f[1] == "+" && a%10+b > 9) || (f[1] == "-" && b > a%10) {
			t.Errorf("%s: not a two-digit ± one-digit problem without carry", ex.Input)
		}
	}
}

func TestDataset(t *testing.T) {
	d, err := NewDataset(DatasetConfig{PerTask: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, ex := range d.Examples {
		count[ex.Task]++
		if !d.Check(ex, ex.Answer) {
			t.Errorf("%s: the reference answer %q fails its own checker", ex.Task, ex.Answer)
		}
		if ex.Reasoning == "" || ex.Instruction == "" {
			t.Errorf("%s %q: no reasoning or instruction", ex.Task, ex.Input)
		}
		if p := ZeroShot(true).Format(ex, nil); !d.Check(ex, ZeroShot(true).Answer(p.Response)) {
			t.Errorf("%s: the CoT target %q does not check", ex.Task, p.Response)
		}
	}
	want := []string{"arithmetic", "reversal", "sentiment", "capitals"}
	if _, err := os.Stat("/usr/share/wordnet/index.noun"); err == nil {
		want = append(want, "wordrel")
	} else {
		t.Log("WordNet not installed at /usr/share/wordnet: the wordrel family is not checked")
	}
	for _, task := range want {
		if count[task] != 20 {
			t.Errorf("%s: %d examples, want 20 (notes: %v)", task, count[task], d.Notes)
		}
	}
	for _, n := range d.Notes {
		t.Log("note:", n)
	}
	// Same seed, same data.
	d2, _ := NewDataset(DatasetConfig{PerTask: 20, Seed: 1})
	for i := range d.Examples {
		if d.Examples[i].Input != d2.Examples[i].Input {
			t.Fatalf("example %d differs with the same seed", i)
		}
	}
	for _, n := range []int{-1, 1<<16 + 1} {
		want := fmt.Sprintf("instruct: DatasetConfig.PerTask must be in 0…65536 (0: 50), got %d", n)
		if _, err := NewDataset(DatasetConfig{PerTask: n}); err == nil || err.Error() != want {
			t.Errorf("PerTask %d: error %v, want %q", n, err, want)
		}
	}
}

func TestWordRelationsMissing(t *testing.T) {
	if _, err := WordRelations(t.TempDir()); err == nil {
		t.Error("empty WordNet directory: no error")
	}
}

func TestSentimentFallback(t *testing.T) {
	// The embedded sentences with the embedded lexicon: every sentence has a
	// lexicon word whose sign agrees with its label, so none is dropped.
	for _, s := range fallbackSentences {
		sc := fallbackLexicon.Score(s.Text)
		if (sc > 0) != (s.Label == 1) || sc == 0 {
			t.Errorf("%q: embedded lexicon score %d disagrees with label %d", s.Text, sc, s.Label)
		}
	}
	if fallbackLexicon.Score("Great food, terrible service!") != 0 { // +3 −3
		t.Error("Score should add AFINN scores")
	}
}

func TestSplit(t *testing.T) {
	d, err := NewDataset(DatasetConfig{PerTask: 10, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := Split(d.Examples, 0.2, 9)
	if err != nil {
		t.Fatal(err)
	}
	if len(train)+len(test) > len(d.Examples) || len(train) == 0 {
		t.Fatalf("%d training + %d held-out examples from %d", len(train), len(test), len(d.Examples))
	}
	inTrain := map[string]bool{}
	key := func(ex Example) string {
		if ex.Group != "" {
			return ex.Task + "|group " + ex.Group
		}
		return ex.Task + "|" + ex.Input
	}
	for _, ex := range train {
		inTrain[key(ex)] = true
	}
	perTask := map[string]int{}
	for _, ex := range test {
		perTask[ex.Task]++
		if inTrain[key(ex)] {
			t.Errorf("%s %q (group %q) is in both halves", ex.Task, ex.Input, ex.Group)
		}
	}
	for task, n := range perTask {
		// 20% of 10 per family; the open-book families hold out whole
		// groups (countries, words), so their count varies
		if n != 2 && task != "capitals" && task != "wordrel" {
			t.Errorf("%s: %d held out, want 2", task, n)
		}
	}
	for _, ex := range train {
		for _, h := range test {
			if h.Group != "" && h.Task == ex.Task && strings.Contains(ex.Input, h.Group+".") {
				t.Errorf("%s: training input %q names the held-out group %q", ex.Task, ex.Input, h.Group)
			}
		}
	}
	_, test2, _ := Split(d.Examples, 0.2, 9)
	for i := range test {
		if test[i].Input != test2[i].Input {
			t.Fatal("same seed, different split")
		}
	}
	if _, _, err := Split(nil, 1, 0); err == nil {
		t.Error("held-out 1: no error")
	}
}

// A passage that names a held-out country (as its distractor) is left
// out of training; the held-out questions themselves are all kept.
func TestSplitLeavesOutMentions(t *testing.T) {
	var exs []Example
	countries := []string{"Peru", "Chile", "Cuba", "Iran", "Japan", "Kenya", "Egypt", "Spain", "Italy", "Greece"}
	for i, c := range countries {
		d := countries[(i+1)%len(countries)]
		exs = append(exs,
			Example{Task: "capitals", Group: c, Input: "X is the capital of " + c + ". " + c + "?"},
			Example{Task: "capitals", Group: c, Input: "Y is the capital of " + d + ". X is the capital of " + c + ". " + c + "?"})
	}
	// one group that only a longer word contains: it stays in training
	exs = append(exs, Example{Task: "capitals", Group: "Peruvia", Input: "Z is the capital of Peruvia. Peruvia?"})
	train, test, err := Split(exs, 0.2, 4)
	if err != nil {
		t.Fatal(err)
	}
	held := groupNames{}
	for _, ex := range test {
		if !slices.Contains(held, ex.Group) {
			held = append(held, ex.Group)
		}
	}
	if len(test) != 2*len(held) {
		t.Errorf("%d held-out examples for %d groups (%v), want every question about them", len(test), len(held), held)
	}
	dropped := 0
	for _, ex := range exs {
		if !slices.Contains(held, ex.Group) && !slices.ContainsFunc(train, func(e Example) bool { return e.Input == ex.Input }) {
			dropped++
			if !held.mentioned(ex.Input) {
				t.Errorf("%q left out of training but names no held-out group", ex.Input)
			}
		}
	}
	for _, ex := range train {
		if held.mentioned(ex.Input) {
			t.Errorf("training input %q names a held-out group of %v", ex.Input, held)
		}
	}
	if dropped == 0 {
		t.Errorf("no passage was left out: held out %v, every one is a distractor in another passage", held)
	}
}

func TestMentioned(t *testing.T) {
	gs := groupNames{"Peru", "United Kingdom", "hot"}
	for in, want := range map[string]bool{
		"Lima is the capital of Peru. Peru?": true,
		"Peru?":                              true,
		"London is the capital of United Kingdom.":      true,
		"Peruvian food. shot glass. hotel?":             false,
		"cold is the opposite of hot.":                  true,
		"the United States and the Kingdom of Spain.":   false,
		"Perú is not Peru's spelling in English, Peru.": true,
		"unhot": false,
	} {
		if got := gs.mentioned(in); got != want {
			t.Errorf("mentioned(%q) = %v, want %v", in, got, want)
		}
	}
	if (groupNames{""}).mentioned("any input") {
		t.Error("an empty group name was found in an input")
	}
}

func TestFirstPerTask(t *testing.T) {
	exs := []Example{{Task: "a", Input: "1"}, {Task: "b", Input: "2"}, {Task: "a", Input: "3"}, {Task: "a", Input: "4"}}
	got := FirstPerTask(exs, 2)
	var ins []string
	for _, ex := range got {
		ins = append(ins, ex.Input)
	}
	if strings.Join(ins, ",") != "1,2,3" {
		t.Errorf("FirstPerTask(…, 2) kept %v, want 1,2,3", ins)
	}
}

// Fresh never returns a held-out group or an input already used, and
// gives n examples per family when the family has enough inputs.
func TestFresh(t *testing.T) {
	d, err := NewDataset(DatasetConfig{PerTask: 40, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	train, test, _ := Split(d.Examples, 0.2, 1)
	fresh := d.Fresh(30, 2, test, train)
	heldGroup, used := map[string]bool{}, map[string]bool{}
	for _, ex := range test {
		heldGroup[ex.Task+"/"+ex.Group] = ex.Group != ""
		used[ex.Task+"/"+ex.Input] = true
	}
	for _, ex := range train {
		used[ex.Task+"/"+ex.Input] = true
	}
	count := map[string]int{}
	for _, ex := range fresh {
		count[ex.Task]++
		if heldGroup[ex.Task+"/"+ex.Group] {
			t.Errorf("%s: held-out group %q in fresh examples", ex.Task, ex.Group)
		}
		if used[ex.Task+"/"+ex.Input] {
			t.Errorf("%s: input %q was already used", ex.Task, ex.Input)
		}
		for _, h := range test {
			if h.Group != "" && h.Task == ex.Task && (groupNames{h.Group}).mentioned(ex.Input) {
				t.Errorf("%s: fresh input %q names the held-out group %q", ex.Task, ex.Input, h.Group)
			}
		}
	}
	for name := range d.Families {
		if count[name] != 30 {
			t.Errorf("%s: %d fresh examples, want 30", name, count[name])
		}
	}
}
