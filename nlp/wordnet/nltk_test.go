package wordnet

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"sync"
	"testing"
)

// The expected values in testdata/nltk.json were computed with NLTK 3.8 on
// WordNet 3.0 via Debian python3-nltk and wordnet-base, by
// testdata/gen_nltk.py (regenerate with
// /usr/bin/python3 nlp/wordnet/testdata/gen_nltk.py > nlp/wordnet/testdata/nltk.json).

type fixture struct {
	Source string `json:"source"`
	Good   []struct {
		Name       string   `json:"name"`
		POS        string   `json:"pos"`
		Lemmas     []string `json:"lemmas"`
		Definition string   `json:"definition"`
	} `json:"good"`
	PandaHypernymClosure []string `json:"panda_hypernym_closure"`
	Words                []struct {
		Word      string              `json:"word"`
		Group     string              `json:"group"`
		Second    string              `json:"second"`
		SynsetsBy map[string][]string `json:"-"`
		Lemmas    []string            `json:"lemmas"`
		Hypernyms map[string][]string `json:"hypernyms"`
		First     string              `json:"first"`
		Relations *relations          `json:"relations"`
		Raw       map[string]json.RawMessage
	} `json:"words"`
	Pairs []struct {
		A, B                  string
		Path, Wup, LCH        *float64
		ShortestPathDistance  *int     `json:"shortest_path_distance"`
		LowestCommonHypernyms []string `json:"lowest_common_hypernyms"`
		CommonHypernyms       []string `json:"common_hypernyms"`
	} `json:"pairs"`
	Synsets map[string]*relations `json:"-"` // full relations of more synsets
	Morphy  []struct {
		Form string  `json:"form"`
		POS  string  `json:"pos"`
		Base *string `json:"base"`
	} `json:"morphy"`
}

type relations struct {
	POS        string   `json:"pos"`
	Offset     int64    `json:"offset"`
	Lexname    string   `json:"lexname"`
	Definition string   `json:"definition"`
	Examples   []string `json:"examples"`
	LemmaNames []string `json:"lemma_names"`
	Lemmas     []struct {
		Name         string   `json:"name"`
		Key          string   `json:"key"`
		Count        int      `json:"count"`
		Antonyms     []string `json:"antonyms"`
		Derivations  []string `json:"derivationally_related_forms"`
		Pertainyms   []string `json:"pertainyms"`
		FrameIDs     []int    `json:"frame_ids"`
		FrameStrings []string `json:"frame_strings"`
	} `json:"lemmas"`
	Rel                map[string][]string `json:"-"`
	MinDepth           int                 `json:"min_depth"`
	MaxDepth           int                 `json:"max_depth"`
	RootHypernyms      []string            `json:"root_hypernyms"`
	HypernymPaths      [][]string          `json:"hypernym_paths"`
	HypernymClosure    []string            `json:"hypernym_closure"`
	HypernymClosure2   []string            `json:"hypernym_closure_2"`
	HyponymClosureSize int                 `json:"hyponym_closure_size"`
}

var (
	fixtureOnce sync.Once
	fixtureData *fixture
	fixtureErr  error
	sharedWN    *WordNet
	sharedErr   error
)

// openTest opens Debian's WordNet 3.0, skipping the test if it is absent.
func openTest(t testing.TB) *WordNet {
	t.Helper()
	if _, err := os.Stat("/usr/share/wordnet/index.noun"); err != nil {
		t.Skip("WordNet 3.0 not installed in /usr/share/wordnet (apt-get install wordnet-base)")
	}
	fixtureOnce.Do(func() {
		sharedWN, sharedErr = Open("/usr/share/wordnet")
		b, err := os.ReadFile("testdata/nltk.json")
		if err != nil {
			fixtureErr = err
			return
		}
		var f fixture
		if err := json.Unmarshal(b, &f); err != nil {
			fixtureErr = err
			return
		}
		// The per-POS synset lists and the relation lists have keys
		// named after NLTK's arguments and methods; decode them as maps.
		var raw struct {
			Words []map[string]json.RawMessage `json:"words"`
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			fixtureErr = err
			return
		}
		for i, w := range raw.Words {
			f.Words[i].SynsetsBy = map[string][]string{}
			for _, p := range []string{"any", "n", "v", "a", "s", "r"} {
				var names []string
				if err := json.Unmarshal(w["synsets_"+p], &names); err != nil {
					fixtureErr = err
					return
				}
				f.Words[i].SynsetsBy[p] = names
			}
			if r := f.Words[i].Relations; r != nil {
				if fixtureErr = decodeRelations(w["relations"], r); fixtureErr != nil {
					return
				}
			}
		}
		var extra struct {
			Synsets map[string]json.RawMessage `json:"synsets"`
		}
		if err := json.Unmarshal(b, &extra); err != nil {
			fixtureErr = err
			return
		}
		f.Synsets = map[string]*relations{}
		for name, raw := range extra.Synsets {
			r := &relations{}
			if err := json.Unmarshal(raw, r); err != nil {
				fixtureErr = err
				return
			}
			if fixtureErr = decodeRelations(raw, r); fixtureErr != nil {
				return
			}
			f.Synsets[name] = r
		}
		fixtureData = &f
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedWN
}

// decodeRelations fills r.Rel from the relation lists named after NLTK's methods.
func decodeRelations(raw json.RawMessage, r *relations) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	r.Rel = map[string][]string{}
	for _, k := range relationNames {
		var names []string
		if err := json.Unmarshal(m[k], &names); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		r.Rel[k] = names
	}
	return nil
}

func loadFixture(t *testing.T) (*WordNet, *fixture) {
	wn := openTest(t)
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return wn, fixtureData
}

var relationNames = []string{"hypernyms", "instance_hypernyms", "hyponyms", "instance_hyponyms",
	"member_holonyms", "substance_holonyms", "part_holonyms", "member_meronyms", "substance_meronyms",
	"part_meronyms", "topic_domains", "region_domains", "usage_domains", "attributes", "entailments",
	"causes", "also_sees", "verb_groups", "similar_tos"}

var relationFuncs = map[string]Relation{
	"hypernyms": (*Synset).Hypernyms, "instance_hypernyms": (*Synset).InstanceHypernyms,
	"hyponyms": (*Synset).Hyponyms, "instance_hyponyms": (*Synset).InstanceHyponyms,
	"member_holonyms": (*Synset).MemberHolonyms, "substance_holonyms": (*Synset).SubstanceHolonyms,
	"part_holonyms": (*Synset).PartHolonyms, "member_meronyms": (*Synset).MemberMeronyms,
	"substance_meronyms": (*Synset).SubstanceMeronyms, "part_meronyms": (*Synset).PartMeronyms,
	"topic_domains": (*Synset).TopicDomains, "region_domains": (*Synset).RegionDomains,
	"usage_domains": (*Synset).UsageDomains, "attributes": (*Synset).Attributes,
	"entailments": (*Synset).Entailments, "causes": (*Synset).Causes, "also_sees": (*Synset).AlsoSees,
	"verb_groups": (*Synset).VerbGroups, "similar_tos": (*Synset).SimilarTos,
}

func synsetNames(ss []*Synset) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.Name())
	}
	return out
}

func strs[T fmt.Stringer](xs []T) []string {
	out := []string{}
	for _, x := range xs {
		out = append(out, x.String())
	}
	return out
}

func eq(a, b []string) bool { return slices.Equal(a, b) || (len(a) == 0 && len(b) == 0) }

// TestGood checks synsets("good") against NLTK: all 27 synsets, every part
// of speech, in NLTK's order, with lemmas and definitions (the lecture's
// first example).
func TestGood(t *testing.T) {
	wn, fx := loadFixture(t)
	got := wn.Synsets("good", AnyPOS)
	if len(got) != len(fx.Good) {
		t.Fatalf("len(Synsets(good)) = %d, NLTK %d", len(got), len(fx.Good))
	}
	for i, want := range fx.Good {
		s := got[i]
		if s.Name() != want.Name || s.POS().String() != want.POS || !eq(s.LemmaNames(), want.Lemmas) || s.Definition() != want.Definition {
			t.Errorf("synset %d = %s %s %v %q, NLTK %s %s %v %q", i, s.Name(), s.POS(), s.LemmaNames(), s.Definition(), want.Name, want.POS, want.Lemmas, want.Definition)
		}
	}
}

// TestPandaClosure checks the lecture's second example, the closure of
// panda.n.01 under hypernyms (NLTK 3.8: procyonid.n.01 … entity.n.01).
func TestPandaClosure(t *testing.T) {
	wn, fx := loadFixture(t)
	panda, err := wn.Synset("panda.n.01")
	if err != nil {
		t.Fatal(err)
	}
	if got := synsetNames(panda.Closure((*Synset).Hypernyms, -1)); !eq(got, fx.PandaHypernymClosure) {
		t.Errorf("closure = %v\nNLTK      %v", got, fx.PandaHypernymClosure)
	}
}

// TestWords compares synset names per part of speech, lemmas, hypernyms
// of every sense and all relations of the first sense of ≥ 200 words.
func TestWords(t *testing.T) {
	wn, fx := loadFixture(t)
	if len(fx.Words) < 200 {
		t.Fatalf("fixture has %d words, want ≥ 200", len(fx.Words))
	}
	poses := map[string]POS{"any": AnyPOS, "n": Noun, "v": Verb, "a": Adj, "s": AdjSat, "r": Adv}
	for _, w := range fx.Words {
		t.Run(w.Word, func(t *testing.T) {
			for k, want := range w.SynsetsBy {
				if got := synsetNames(wn.Synsets(w.Word, poses[k])); !eq(got, want) {
					t.Errorf("Synsets(%q, %q) = %v\nNLTK %v", w.Word, k, got, want)
				}
			}
			if got := strs(wn.Lemmas(w.Word, AnyPOS)); !eq(got, w.Lemmas) {
				t.Errorf("Lemmas = %v, NLTK %v", got, w.Lemmas)
			}
			for name, want := range w.Hypernyms {
				s, err := wn.Synset(name)
				if err != nil {
					t.Fatal(err)
				}
				if s.Name() != name {
					t.Errorf("Synset(%q).Name() = %q", name, s.Name())
				}
				if got := synsetNames(s.hypernymsAll()); !eq(got, want) {
					t.Errorf("%s hypernyms = %v, NLTK %v", name, got, want)
				}
			}
			if w.Relations != nil {
				checkRelations(t, wn, w.First, w.Relations)
			}
		})
	}
}

// TestSynsetRelations checks every relation of all senses of "good" and of
// synsets with pertainyms, verb frames and instances against NLTK.
func TestSynsetRelations(t *testing.T) {
	wn, fx := loadFixture(t)
	if len(fx.Synsets) < 30 {
		t.Fatalf("fixture has %d synsets", len(fx.Synsets))
	}
	for name, r := range fx.Synsets {
		t.Run(name, func(t *testing.T) { checkRelations(t, wn, name, r) })
	}
}

func checkRelations(t *testing.T, wn *WordNet, name string, r *relations) {
	s, err := wn.Synset(name)
	if err != nil {
		t.Fatal(err)
	}
	if s.POS().String() != r.POS || s.Offset() != r.Offset || s.Lexname() != r.Lexname {
		t.Errorf("%s: pos/offset/lexname = %s %d %s, NLTK %s %d %s", name, s.POS(), s.Offset(), s.Lexname(), r.POS, r.Offset, r.Lexname)
	}
	if s.Definition() != r.Definition || !eq(s.Examples(), r.Examples) || !eq(s.LemmaNames(), r.LemmaNames) {
		t.Errorf("%s: gloss = %q %q %v\nNLTK %q %q %v", name, s.Definition(), s.Examples(), s.LemmaNames(), r.Definition, r.Examples, r.LemmaNames)
	}
	for i, want := range r.Lemmas {
		l := s.Lemmas()[i]
		if l.Name() != want.Name || l.Key() != want.Key || l.Count() != want.Count {
			t.Errorf("%s lemma %d = %s %s %d, NLTK %s %s %d", name, i, l.Name(), l.Key(), l.Count(), want.Name, want.Key, want.Count)
		}
		if got := strs(l.Antonyms()); !eq(got, want.Antonyms) {
			t.Errorf("%v antonyms = %v, NLTK %v", l, got, want.Antonyms)
		}
		if got := strs(l.DerivationallyRelatedForms()); !eq(got, want.Derivations) {
			t.Errorf("%v derivations = %v, NLTK %v", l, got, want.Derivations)
		}
		if got := strs(l.Pertainyms()); !eq(got, want.Pertainyms) {
			t.Errorf("%v pertainyms = %v, NLTK %v", l, got, want.Pertainyms)
		}
		if !slices.Equal(l.FrameIDs(), want.FrameIDs) && len(want.FrameIDs)+len(l.FrameIDs()) > 0 {
			t.Errorf("%v frames = %v, NLTK %v", l, l.FrameIDs(), want.FrameIDs)
		}
		if got := l.FrameStrings(); !eq(got, want.FrameStrings) {
			t.Errorf("%v frame strings = %v, NLTK %v", l, got, want.FrameStrings)
		}
	}
	for _, k := range relationNames {
		if got := synsetNames(relationFuncs[k](s)); !eq(got, r.Rel[k]) {
			t.Errorf("%s %s = %v\nNLTK %v", name, k, got, r.Rel[k])
		}
	}
	if s.MinDepth() != r.MinDepth || s.MaxDepth() != r.MaxDepth {
		t.Errorf("%s depths = %d %d, NLTK %d %d", name, s.MinDepth(), s.MaxDepth(), r.MinDepth, r.MaxDepth)
	}
	if got := synsetNames(s.RootHypernyms()); !eq(got, r.RootHypernyms) {
		t.Errorf("%s root hypernyms = %v, NLTK %v", name, got, r.RootHypernyms)
	}
	var paths [][]string
	for _, p := range s.HypernymPaths() {
		paths = append(paths, synsetNames(p))
	}
	if !slices.EqualFunc(paths, r.HypernymPaths, eq) {
		t.Errorf("%s hypernym paths = %v\nNLTK %v", name, paths, r.HypernymPaths)
	}
	if got := synsetNames(s.Closure((*Synset).Hypernyms, -1)); !eq(got, r.HypernymClosure) {
		t.Errorf("%s hypernym closure = %v\nNLTK %v", name, got, r.HypernymClosure)
	}
	if got := synsetNames(s.Closure((*Synset).Hypernyms, 2)); !eq(got, r.HypernymClosure2) {
		t.Errorf("%s hypernym closure depth 2 = %v\nNLTK %v", name, got, r.HypernymClosure2)
	}
	if got := len(s.Closure((*Synset).Hyponyms, -1)); got != r.HyponymClosureSize {
		t.Errorf("%s hyponym closure has %d synsets, NLTK %d", name, got, r.HyponymClosureSize)
	}
}

func floatEq(got float64, want *float64) bool {
	if want == nil {
		return math.IsNaN(got)
	}
	return math.Abs(got-*want) <= 1e-12*math.Max(1, math.Abs(*want))
}

// TestSimilarity compares path, Wu–Palmer and Leacock–Chodorow similarity,
// shortest path distances and lowest common hypernyms with NLTK on word
// pairs (each word with the next of its group) and on all pairs of some
// verbs, adjectives and mixed parts of speech.
func TestSimilarity(t *testing.T) {
	wn, fx := loadFixture(t)
	for _, p := range fx.Pairs {
		a, err := wn.Synset(p.A)
		if err != nil {
			t.Fatal(err)
		}
		b, err := wn.Synset(p.B)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.PathSimilarity(b); !floatEq(got, p.Path) {
			t.Errorf("%s %s path = %v, NLTK %v", p.A, p.B, got, fmtp(p.Path))
		}
		if got := a.WuPalmerSimilarity(b); !floatEq(got, p.Wup) {
			t.Errorf("%s %s wup = %v, NLTK %v", p.A, p.B, got, fmtp(p.Wup))
		}
		if got := a.LCHSimilarity(b); !floatEq(got, p.LCH) {
			t.Errorf("%s %s lch = %v, NLTK %v", p.A, p.B, got, fmtp(p.LCH))
		}
		want := -1
		if p.ShortestPathDistance != nil {
			want = *p.ShortestPathDistance
		}
		if got := a.ShortestPathDistance(b); got != want {
			t.Errorf("%s %s distance = %d, NLTK %d", p.A, p.B, got, want)
		}
		if got := synsetNames(a.LowestCommonHypernyms(b)); !eq(got, p.LowestCommonHypernyms) {
			t.Errorf("%s %s lowest common hypernyms = %v, NLTK %v", p.A, p.B, got, p.LowestCommonHypernyms)
		}
		if got := synsetNames(a.CommonHypernyms(b)); !eq(got, p.CommonHypernyms) {
			t.Errorf("%s %s common hypernyms = %v, NLTK %v", p.A, p.B, got, p.CommonHypernyms)
		}
	}
}

func fmtp(p *float64) string {
	if p == nil {
		return "None"
	}
	return fmt.Sprint(*p)
}

// TestMorphy compares Morphy on inflected forms with NLTK's wn.morphy.
func TestMorphy(t *testing.T) {
	wn, fx := loadFixture(t)
	for _, m := range fx.Morphy {
		want := ""
		if m.Base != nil {
			want = *m.Base
		}
		var pos POS
		if m.POS != "" {
			pos = POS(m.POS[0])
		}
		if got := wn.Morphy(m.Form, pos); got != want {
			t.Errorf("Morphy(%q, %q) = %q, NLTK %q", m.Form, m.POS, got, want)
		}
	}
}
