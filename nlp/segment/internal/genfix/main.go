package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	jieba := flag.String("jieba", "/usr/lib/python3/dist-packages/jieba/dict.txt", "jieba's dictionary: word count [tag] per line")
	flag.Parse()
	if err := run(*jieba); err != nil {
		fmt.Fprintln(os.Stderr, "genfix:", err)
		os.Exit(1)
	}
}

// entry is one dictionary line: a word and its count, in file order.
type entry struct {
	word  string
	count int64
}

// read parses a dictionary of "word count [tag]" lines.
func read(name string) ([]entry, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []entry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: want word and count, got %q", name, n, sc.Text())
		}
		c, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil || c < 0 {
			return nil, fmt.Errorf("%s:%d: bad count %q", name, n, fields[1])
		}
		out = append(out, entry{fields[0], c})
	}
	return out, sc.Err()
}

func run(jiebaDict string) error {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		return fmt.Errorf("locating gse: %w", err)
	}
	gseDir := filepath.Join(strings.TrimSpace(string(out)), "data", "dict", "zh")
	j, err := read(jiebaDict)
	if err != nil {
		return fmt.Errorf("%w (apt-get install python3-jieba)", err)
	}
	s, err := read(filepath.Join(gseDir, "s_1.txt"))
	if err != nil {
		return err
	}
	t, err := read(filepath.Join(gseDir, "t_1.txt"))
	if err != nil {
		return err
	}

	// What gse's LoadDictEmbed("zh") yields: s_1 then t_1, the first line
	// of a word wins, counts below 2 are dropped, single characters get 2.
	loaded := map[string]int64{}
	for _, e := range slices.Concat(s, t) {
		if _, ok := loaded[e.word]; ok || e.count < 2 {
			continue
		}
		if utf8.RuneCountInString(e.word) == 1 {
			loaded[e.word] = 2
		} else {
			loaded[e.word] = e.count
		}
	}
	// The target: jieba's counts (a later line wins, as in jieba), then
	// the traditional words jieba lacks; every other word is absent.
	target := map[string]int64{}
	var total int64
	for _, e := range j {
		target[e.word] = e.count
		total += e.count // jieba's total counts every line
	}
	for _, e := range t {
		if _, ok := target[e.word]; !ok && e.count > 0 {
			target[e.word] = e.count
		}
	}
	fix := map[string]int64{}
	for w, c := range target {
		if loaded[w] != c {
			fix[w] = c
		}
	}
	for w := range loaded {
		if _, ok := target[w]; !ok {
			fix[w] = 0
		}
	}
	words := make([]string, 0, len(fix))
	for w := range fix {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int { return cmp.Or(cmp.Compare(fix[b], fix[a]), strings.Compare(a, b)) })
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "# Corrections to the dictionary gse loads, so that it equals jieba 0.42.1's")
	fmt.Fprintln(w, "# dict.txt (MIT licence, Copyright 2012-2017 Sun Junyi) plus gse's traditional")
	fmt.Fprintln(w, "# words; written by nlp/segment/internal/genfix. Count 0 removes a word.")
	fmt.Fprintf(w, "total %d\n", total)
	for _, x := range words {
		fmt.Fprintf(w, "%s %d\n", x, fix[x])
	}
	return w.Flush()
}
