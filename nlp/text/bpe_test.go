package text

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPretokens(t *testing.T) {
	// Expected pieces follow GPT-2's pre-tokenization pattern by hand.
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello world", []string{"Hello", " world"}},
		{"a  b", []string{"a", " ", " b"}},
		{"x 42!? end  ", []string{"x", " 42", "!?", " end", "  "}},
		{"我爱 Go", []string{"我爱", " Go"}},
		{"\n\nNew", []string{"\n\n", "New"}},
	}
	for _, tt := range tests {
		got := slices.Collect(pretokens(tt.in))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pretokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var bpeCorpus = []string{
	"the cat sat on the mat. the dog sat on the log.",
	"the cat and the dog are friends; the cat likes the mat.",
	"青蛙在池塘里。青蛙很绿。",
}

func TestTrainBPE(t *testing.T) {
	b, err := TrainBPE(slices.Values(bpeCorpus), BPEConfig{VocabSize: 300})
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() <= 256 || b.Len() > 300 {
		t.Fatalf("Len = %d", b.Len())
	}
	// " the" is the most frequent word (7 times with its space), so it must
	// be a single token after training; "the" at the start of lines too.
	if got := b.Pieces("the cat"); !reflect.DeepEqual(got, []string{"the", " cat"}) {
		t.Errorf("Pieces(the cat) = %q", got)
	}
	if got := b.Pieces(" the"); len(got) != 1 {
		t.Errorf("Pieces(' the') = %q, want one piece", got)
	}
	// The first merge is the most frequent pair: (' ', 't') occurs 9+ times
	// in " the"/" to"-like contexts; check by recounting.
	first := b.Merges()[0]
	if b.Token(256) != string(rune(first[0]))+string(rune(first[1])) {
		t.Errorf("token 256 = %q, merge %v", b.Token(256), first)
	}
	// Deterministic: training twice gives the same merges.
	b2, _ := TrainBPE(slices.Values(bpeCorpus), BPEConfig{VocabSize: 300})
	if !reflect.DeepEqual(b.Merges(), b2.Merges()) {
		t.Error("training is not deterministic")
	}
	for _, s := range append(bpeCorpus, "", "unseen wörds ✓ \xff\xfe", "   ") {
		roundTrip(t, b, s)
	}
}

func TestTrainBPEConfig(t *testing.T) {
	if _, err := TrainBPE(slices.Values(bpeCorpus), BPEConfig{VocabSize: 100}); err == nil {
		t.Error("VocabSize 100: no error")
	}
	// With nothing to merge, training stops at the 256 bytes.
	b, err := TrainBPE(slices.Values([]string{"abc"}), BPEConfig{})
	if err != nil || b.Len() != 256 {
		t.Errorf("Len = %d, err = %v", b.Len(), err)
	}
}

func roundTrip(t *testing.T, b *BPE, s string) {
	t.Helper()
	ids := b.Encode(s)
	got, err := b.Decode(ids)
	if err != nil || got != s {
		t.Fatalf("Decode(Encode(%q)) = %q, %v", s, got, err)
	}
}

func TestBPESaveLoad(t *testing.T) {
	b, _ := TrainBPE(slices.Values(bpeCorpus), BPEConfig{VocabSize: 290})
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b2, err := ReadBPE(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b.Merges(), b2.Merges()) {
		t.Fatal("merges differ after load")
	}
	for _, s := range bpeCorpus {
		if !reflect.DeepEqual(b.Encode(s), b2.Encode(s)) {
			t.Fatalf("encodings differ for %q", s)
		}
	}
}

func TestReadBPEErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"lingo-bpe 2\n0\n",
		"lingo-bpe 1\n-1\n",
		"lingo-bpe 1\n2\n1 2\n",
		"lingo-bpe 1\n1\n1 x\n",
		"lingo-bpe 1\n1\n1 256\n",
		"lingo-bpe 1\n2\n1 2\n1 2\n",
		"lingo-bpe 1\n1\n1 2\n3 4\n",
		"lingo-bpe 1\n99999999999\n",
	} {
		if _, err := ReadBPE(strings.NewReader(in)); err == nil {
			t.Errorf("ReadBPE(%q): no error", in)
		}
	}
}

func TestBPEDecodeError(t *testing.T) {
	b, _ := NewBPE(nil)
	if _, err := b.Decode([]int{1, 256}); err == nil {
		t.Error("no error for id 256")
	}
}

// randomUnicode returns a string of random code points from several
// scripts, plus the odd invalid byte.
func randomUnicode(r *rand.Rand, n int) string {
	ranges := [][2]rune{{0x20, 0x7e}, {0xa0, 0x24f}, {0x370, 0x3ff}, {0x4e00, 0x9fff}, {0x1f600, 0x1f64f}, {0x3040, 0x30ff}}
	var sb strings.Builder
	for range n {
		switch r.IntN(20) {
		case 0:
			sb.WriteByte(byte(0x80 + r.IntN(0x80))) // invalid UTF-8
		case 1, 2, 3:
			sb.WriteByte(' ')
		default:
			rg := ranges[r.IntN(len(ranges))]
			sb.WriteRune(rg[0] + rune(r.IntN(int(rg[1]-rg[0]+1))))
		}
	}
	return sb.String()
}

func TestBPERandomUnicode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	train := make([]string, 200)
	for i := range train {
		train[i] = randomUnicode(r, 50)
	}
	b, err := TrainBPE(slices.Values(append(train, bpeCorpus...)), BPEConfig{VocabSize: 600})
	if err != nil {
		t.Fatal(err)
	}
	for range 500 {
		roundTrip(t, b, randomUnicode(r, r.IntN(300)))
	}
	roundTrip(t, b, strings.Repeat("x", 5000)) // longer than maxPretoken
}

func FuzzBPERoundTrip(f *testing.F) {
	b, err := TrainBPE(slices.Values(bpeCorpus), BPEConfig{VocabSize: 320})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range append(bpeCorpus, "", "\xff", "a  b\n\n", "ééé") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids := b.Encode(s)
		got, err := b.Decode(ids)
		if err != nil || got != s {
			t.Fatalf("round trip of %q gave %q, %v", s, got, err)
		}
		if utf8.ValidString(s) && len(ids) > utf8.RuneCountInString(s)*4 {
			t.Fatalf("%d ids for %d runes", len(ids), utf8.RuneCountInString(s))
		}
	})
}

func FuzzReadBPE(f *testing.F) {
	f.Add("lingo-bpe 1\n1\n97 98\n")
	f.Add("lingo-bpe 1\n0\n")
	// nasty cases: merge counts at and beyond the limit with one merge
	// present, an id beyond uint32, a file cut inside a merge
	f.Add("lingo-bpe 1\n1048576\n97 98\n")
	f.Add("lingo-bpe 1\n99999999999999999999\n")
	f.Add("lingo-bpe 1\n2\n97 98\n256 4294967296\n")
	f.Add("lingo-bpe 1\n2\n97 98\n25")
	f.Fuzz(func(t *testing.T, in string) {
		b, err := ReadBPE(strings.NewReader(in))
		if err != nil {
			return
		}
		roundTrip(t, b, "abc ab")
	})
}

// BPEConfig rejects what means nothing, naming the field and the value.
func TestBPEConfigRejects(t *testing.T) {
	for _, tc := range []struct {
		cfg  BPEConfig
		want string
	}{
		{BPEConfig{VocabSize: -1}, "text: BPEConfig.VocabSize must be ≥ 256, the byte values (0: 1000), got -1"},
		{BPEConfig{VocabSize: 100}, "got 100"},
		{BPEConfig{MinFrequency: -2}, "BPEConfig.MinFrequency must be ≥ 0 (0: 2), got -2"},
	} {
		if _, err := TrainBPE(slices.Values([]string{"abc"}), tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("TrainBPE(%+v): %v, want an error containing %q", tc.cfg, err, tc.want)
		}
	}
}
