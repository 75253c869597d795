package text

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func build(t *testing.T, words []string, cfg VocabConfig) *Vocab {
	t.Helper()
	v, err := BuildVocab(slices.Values(words), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBuildVocab(t *testing.T) {
	words := strings.Fields("the cat sat on the mat the cat ate b a a")
	// Counts by hand: the 3, a 2, cat 2, ate/b/mat/on/sat 1.
	tests := []struct {
		name     string
		cfg      VocabConfig
		want     []string
		unkCount int
	}{
		{"all", VocabConfig{}, []string{"the", "a", "cat", "ate", "b", "mat", "on", "sat"}, 0},
		{"min count", VocabConfig{MinCount: 2}, []string{"the", "a", "cat"}, 0},
		{"unknown", VocabConfig{MinCount: 2, Unknown: "<unk>"}, []string{"<unk>", "the", "a", "cat"}, 5},
		{"max size", VocabConfig{MaxSize: 3, Unknown: "<unk>", Specials: []string{"<pad>"}},
			[]string{"<unk>", "<pad>", "the"}, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := build(t, words, tt.cfg)
			if !reflect.DeepEqual(v.Words(), tt.want) {
				t.Fatalf("Words = %q, want %q", v.Words(), tt.want)
			}
			if v.Total() != len(words) {
				t.Errorf("Total = %d", v.Total())
			}
			if u := v.Unknown(); u >= 0 && v.Count(u) != tt.unkCount {
				t.Errorf("unknown count = %d, want %d", v.Count(u), tt.unkCount)
			}
		})
	}
}

// VocabConfig rejects what means nothing, naming the field and the
// value. A negative MinCount used to keep every word, a negative MaxSize
// to mean no limit, a MaxSize of 1 with two specials to give two ids, and
// a repeated special was dropped without a word.
func TestVocabConfigRejects(t *testing.T) {
	words := strings.Fields("a b a")
	for _, tc := range []struct {
		name string
		cfg  VocabConfig
		want string
	}{
		{"negative MinCount", VocabConfig{MinCount: -1}, "VocabConfig.MinCount must be ≥ 0 (0: 1), got -1"},
		{"negative MaxSize", VocabConfig{MaxSize: -5}, "VocabConfig.MaxSize must be 0 (no limit) or more than the 0 ids of the unknown token and the specials, got -5"},
		{"MaxSize without room for a word", VocabConfig{MaxSize: 2, Specials: []string{"<s>", "</s>"}}, "more than the 2 ids of the unknown token and the specials, got 2"},
		{"MaxSize below the specials", VocabConfig{MaxSize: 1, Unknown: "<unk>", Specials: []string{"<s>"}}, "more than the 2 ids of the unknown token and the specials, got 1"},
		{"empty special", VocabConfig{Specials: []string{"<s>", ""}}, `VocabConfig.Specials[1] must be a token not given before, got ""`},
		{"repeated special", VocabConfig{Specials: []string{"<s>", "<s>"}}, `VocabConfig.Specials[1] must be a token not given before, got "<s>"`},
		{"special equal to Unknown", VocabConfig{Unknown: "<unk>", Specials: []string{"<unk>"}}, `VocabConfig.Specials[0] must be a token not given before, got "<unk>"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, err := range map[string]error{
				"Validate":   tc.cfg.Validate(),
				"BuildVocab": func() error { _, err := BuildVocab(slices.Values(words), tc.cfg); return err }(),
				"Vocab":      func() error { _, err := Counter{"a": 2, "b": 1}.Vocab(tc.cfg); return err }(),
			} {
				if err == nil || !strings.HasPrefix(err.Error(), "text: ") || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: %v, want an error containing %q", name, err, tc.want)
				}
			}
		})
	}
}

func TestVocabLookups(t *testing.T) {
	v := build(t, strings.Fields("b a b c"), VocabConfig{Unknown: "<unk>"})
	if v.ID("b") != 1 || v.Word(1) != "b" || v.Count(1) != 2 || v.ID("zzz") != 0 || v.Has("zzz") {
		t.Errorf("lookups wrong: %q", v.Words())
	}
	ids := v.Encode([]string{"a", "zzz", "c"})
	if !reflect.DeepEqual(ids, []int{2, 0, 3}) {
		t.Errorf("Encode = %v", ids)
	}
	back, err := v.Decode(ids)
	if err != nil || !reflect.DeepEqual(back, []string{"a", "<unk>", "c"}) {
		t.Errorf("Decode = %q, %v", back, err)
	}
	if _, err := v.Decode([]int{9}); err == nil {
		t.Error("Decode(9): no error")
	}
	noUnk := build(t, []string{"x"}, VocabConfig{})
	if noUnk.ID("y") != -1 {
		t.Error("ID of unknown word without unknown token should be -1")
	}
}

func TestVocabSaveLoad(t *testing.T) {
	words := []string{"the", "the", "tab\tword", "new\nline", `"quoted`, "青蛙", "a b", "x"}
	for _, cfg := range []VocabConfig{{}, {Unknown: "<unk>", Specials: []string{"<pad>"}, MaxSize: 5}} {
		v := build(t, words, cfg)
		var buf bytes.Buffer
		if _, err := v.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		v2, err := ReadVocab(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(v, v2) {
			t.Fatalf("round trip differs:\n%+v\n%+v", v, v2)
		}
	}
}

func TestReadVocabErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"lingo-vocab 2 0 -1\n",
		"lingo-vocab 1 3 -1\nnotab\n",
		"lingo-vocab 1 3 -1\na\tx\n",
		"lingo-vocab 1 3 -1\na\t-1\n",
		"lingo-vocab 1 3 -1\na\t1\na\t2\n",
		"lingo-vocab 1 3 5\na\t1\n",
		"lingo-vocab 1 3 -1\n\"bad\t1\n",
		"lingo-vocab 1 -7 -1\na\t1\n", // a negative token total
	} {
		if _, err := ReadVocab(strings.NewReader(in)); err == nil {
			t.Errorf("ReadVocab(%q): no error", in)
		}
	}
}

func FuzzReadVocab(f *testing.F) {
	f.Add("lingo-vocab 1 3 0\n<unk>\t1\na\t2\n")
	// nasty cases: totals and counts beyond an int, a negative total, an
	// unknown id past the words, a file cut inside a line
	f.Add("lingo-vocab 1 99999999999999999999 0\n<unk>\t1\n")
	f.Add("lingo-vocab 1 -1 0\n<unk>\t99999999999999999999\n")
	f.Add("lingo-vocab 1 3 4294967295\n<unk>\t1\n")
	f.Add("lingo-vocab 1 3 0\n<unk>\t1\na")
	f.Fuzz(func(t *testing.T, in string) {
		v, err := ReadVocab(strings.NewReader(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		v.WriteTo(&buf)
		v2, err := ReadVocab(&buf)
		if err != nil || !reflect.DeepEqual(v.Words(), v2.Words()) {
			t.Fatalf("re-read failed: %v", err)
		}
	})
}

func TestVocabRender(t *testing.T) {
	v := build(t, strings.Fields("a <b> a"), VocabConfig{})
	b := v.Render()
	if !strings.Contains(b["text/html"], "&lt;b&gt;") || !strings.Contains(b["text/plain"], "2 ids") {
		t.Errorf("Render = %v", b)
	}
}
