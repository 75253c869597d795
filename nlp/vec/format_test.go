package vec

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLoadGensimFiles loads the text and binary files written by gensim
// 4.2.0's save_word2vec_format (testdata/make_fixtures.py): both must hold
// the same words and vectors (the text file has float32 reprs).
func TestLoadGensimFiles(t *testing.T) {
	txt, err := LoadWord2VecFormat("testdata/gensim.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	bin, err := LoadWord2VecFormat("testdata/gensim.bin", true)
	if err != nil {
		t.Fatal(err)
	}
	if txt.Len() != 104 || txt.Dim != 16 || txt.Words[0] != "france" || txt.Words[101] != "WARSAW" {
		t.Fatalf("text file: %d words of dim %d, first %q", txt.Len(), txt.Dim, txt.Words[0])
	}
	sameVectors(t, txt, bin, 0)
}

// TestLoadCToolFiles loads files written by the original C word2vec
// (testdata/make_ctool.sh): binary with a newline after each vector, text
// with a trailing space and 6 decimals.
func TestLoadCToolFiles(t *testing.T) {
	txt, err := LoadWord2VecFormat("testdata/ctool.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	bin, err := LoadWord2VecFormat("testdata/ctool.bin", true)
	if err != nil {
		t.Fatal(err)
	}
	if txt.Len() != 38 || txt.Dim != 8 || txt.Words[0] != "</s>" || txt.Words[1] != "the" {
		t.Fatalf("text file: %d words of dim %d, first %q", txt.Len(), txt.Dim, txt.Words[:2])
	}
	sameVectors(t, txt, bin, 5e-7) // %lf keeps 6 decimals
}

func sameVectors(t *testing.T, a, b *KeyedVectors, tol float64) {
	t.Helper()
	if a.Len() != b.Len() || a.Dim != b.Dim {
		t.Fatalf("%d×%d vs %d×%d", a.Len(), a.Dim, b.Len(), b.Dim)
	}
	for i, w := range a.Words {
		if b.Words[i] != w {
			t.Fatalf("word %d: %q vs %q", i, w, b.Words[i])
		}
		for j, x := range a.Row(i) {
			if y := b.Row(i)[j]; math.Abs(float64(x-y)) > tol {
				t.Fatalf("%q[%d]: %v vs %v", w, j, x, y)
			}
		}
	}
}

// TestRoundTrip writes and reads back both formats exactly.
func TestRoundTrip(t *testing.T) {
	kv, err := LoadWord2VecFormat("testdata/gensim.bin", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, binary := range []bool{false, true} {
		t.Run(strconv.FormatBool(binary), func(t *testing.T) {
			var buf bytes.Buffer
			if err := kv.WriteWord2VecFormat(&buf, binary); err != nil {
				t.Fatal(err)
			}
			back, err := ReadWord2VecFormat(&buf, binary, 0)
			if err != nil {
				t.Fatal(err)
			}
			sameVectors(t, kv, back, 0)
		})
	}
	lim, err := ReadWord2VecFormat(strings.NewReader("3 1\na 1\nb 2\nc 3\n"), false, 2)
	if err != nil || lim.Len() != 2 {
		t.Errorf("limit 2: %v, %v", lim, err)
	}
}

// TestOurFilesLoadInGensim saves vectors and loads them with gensim 4.2
// (Debian python3-gensim) through testdata/check_load.py.
func TestOurFilesLoadInGensim(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import gensim").Run(); err != nil {
		t.Skip("gensim under /usr/bin/python3 not installed (apt-get install python3-gensim)")
	}
	kv, err := LoadWord2VecFormat("testdata/ctool.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, x := range kv.Vectors {
		sum += float64(x)
	}
	dir := t.TempDir()
	for _, binary := range []bool{false, true} {
		path := filepath.Join(dir, "v"+strconv.FormatBool(binary))
		if err := kv.SaveWord2VecFormat(path, binary); err != nil {
			t.Fatal(err)
		}
		mode := "text"
		if binary {
			mode = "binary"
		}
		out, err := exec.Command("/usr/bin/python3", "testdata/check_load.py", path, mode).CombinedOutput()
		if err != nil {
			t.Fatalf("gensim failed on our %s file: %v\n%s", mode, err, out)
		}
		f := strings.Fields(string(out))
		if len(f) != 4 || f[0] != "38" || f[1] != "8" || f[2] != "</s>" {
			t.Fatalf("gensim read our %s file as %q", mode, out)
		}
		if g, _ := strconv.ParseFloat(f[3], 64); math.Abs(g-sum) > 1e-4 {
			t.Errorf("%s: gensim's sum %v, ours %v", mode, g, sum)
		}
	}
}

// TestBadFiles: each malformed input gives an error, never a panic.
func TestBadFiles(t *testing.T) {
	good, _ := os.ReadFile("testdata/gensim.bin")
	for _, tc := range []struct {
		name   string
		data   string
		binary bool
		want   string // substring of the error
	}{
		{"empty", "", false, "header"},
		{"header one number", "3\n", false, "header"},
		{"header not numbers", "a b\n", false, "header"},
		{"negative count", "-1 4\n", false, "header"},
		{"dimension zero", "1 0\n", true, "dimension 0"},
		{"huge dimension", "1 99999999999\n", true, "dimension"},
		{"text too few words", "3 2\na 1 2\nb 3 4\n", false, "ends at word 3 of 3"},
		{"text too few values", "1 3\na 1 2\n", false, "2 values, header says 3"},
		{"text bad number", "1 2\na 1 x\n", false, "value 2"},
		{"text no word", "1 2\n\n", false, "word 1"},
		{"binary truncated vector", string(good[:len(good)-9]), true, "ends in the vector of word 104 of 104"},
		{"binary header lies about count", "504" + string(good[3:]), true, "of 504"},
		{"binary header lies about dim", "104 17" + string(good[6:]), true, "unexpected EOF"},
		{"binary truncated word", "2 1\nab", true, "ends in word 1 of 2"},
		{"text file read as binary", "1 2\nhello 1 2\n", true, "ends in the vector"},
		{"text NaN", "2 2\na 1 2\nb 3 NaN\n", false, `word 2 ("b"), value 2: "NaN" is not a finite number`},
		{"text infinity", "1 2\na -inf 2\n", false, `value 1: "-inf" is not a finite number`},
		{"binary NaN", "1 2\nx \x00\x00\x80\x3f\x00\x00\xc0\x7f\n", true, `word 1 ("x"), value 2: NaN is not a finite number`},
		{"binary infinity", "1 1\nx \x00\x00\x80\xff", true, "value 1: -Inf is not a finite number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadWord2VecFormat(strings.NewReader(tc.data), tc.binary, 0)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "vec: ") {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	kv, _ := New(1)
	_ = kv.Add("two words", []float32{1})
	if err := kv.WriteWord2VecFormat(&bytes.Buffer{}, false); err == nil {
		t.Error("writing a word with a space: no error")
	}
}

// FuzzLoadWord2VecFormat: the readers never panic and what they accept
// writes back and reads again to the same vectors.
func FuzzLoadWord2VecFormat(f *testing.F) {
	for _, p := range []string{"testdata/ctool.bin", "testdata/ctool.txt"} {
		b, _ := os.ReadFile(p)
		f.Add(b[:min(len(b), 600)], strings.HasSuffix(p, "bin"))
	}
	f.Add([]byte("2 3\na 1 2 3\nb 4 5 6\n"), false)
	f.Add([]byte("1 1\nx \x00\x00\x80\x3f\n"), true)
	// headers whose size × dimension overflows an int (2^62+1 words of 2
	// values) or asks for far more memory than the file holds
	f.Add([]byte("4611686018427387905 2\n"), false)
	f.Add([]byte("4611686018427387905 2\nx \x00\x00\x80\x3f"), true)
	f.Add([]byte("9223372036854775807 1048576\na 1\n"), false)
	// non-finite values, and files cut inside a word and inside a vector
	f.Add([]byte("2 2\na 1 nan\nb inf -Inf\n"), false)
	f.Add([]byte("1 2\nx \x00\x00\xc0\x7f\x00\x00\x80\x7f"), true)
	f.Add([]byte("3 4\nab"), true)
	f.Add([]byte("3 2\nab \x00\x00\x80"), true)
	f.Add([]byte("3 2\na 1 "), false)
	f.Fuzz(func(t *testing.T, data []byte, binary bool) {
		kv, err := ReadWord2VecFormat(bytes.NewReader(data), binary, 0)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := kv.WriteWord2VecFormat(&buf, true); err != nil {
			return // words with whitespace cannot be written
		}
		back, err := ReadWord2VecFormat(&buf, true, 0)
		if err != nil {
			t.Fatalf("rereading our own file: %v", err)
		}
		if back.Len() != kv.Len() {
			t.Fatalf("%d words became %d", kv.Len(), back.Len())
		}
	})
}
