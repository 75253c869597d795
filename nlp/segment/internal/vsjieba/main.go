package main

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/segment"
	"github.com/lingo-nlp/lingo/nlp/text"
)

func main() {
	poetry := flag.Int("poetry", 40000, "lines sampled evenly from chinese-poetry")
	rounds := flag.Int("rounds", 3, "timed rounds (ours and jieba's interleaved)")
	examples := flag.Int("examples", 15, "commonest disagreements to print per corpus")
	dir := flag.String("dir", "", "where to write the lines and both segmentations (default: a temporary directory)")
	flag.Parse()
	if err := run(*poetry, *rounds, *examples, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "vsjieba:", err)
		os.Exit(1)
	}
}

func run(poetry, rounds, examples int, dir string) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "vsjieba")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	_, self, _, _ := runtime.Caller(0)
	peer := filepath.Join(filepath.Dir(self), "jieba_peer.py")
	segment.Cut("预热") // load the dictionaries before any clock starts
	gseSeg.SkipLog = true
	if err := gseSeg.LoadDictEmbed("zh"); err != nil {
		return err
	}

	var rows []row
	for _, name := range []string{"fortunes-zh", "chinese-poetry"} {
		limit := 0
		if name == "chinese-poetry" {
			limit = poetry
		}
		lines, err := readLines(name, limit)
		if err != nil {
			return err
		}
		in := filepath.Join(dir, name+".txt")
		if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			return err
		}
		r := row{name: name, lines: len(lines)}
		for _, l := range lines {
			r.chars += utf8.RuneCountInString(l)
		}
		var ours, plain [][]string
		var oursSec, plainSec, jiebaSec []float64
		for range rounds {
			start := time.Now()
			ours = make([][]string, len(lines))
			for i, l := range lines {
				ours[i] = segment.Tokens(l)
			}
			oursSec = append(oursSec, time.Since(start).Seconds())
			start = time.Now()
			plain = make([][]string, len(lines))
			for i, l := range lines {
				plain[i] = gseTok.Tokenize(l)
			}
			plainSec = append(plainSec, time.Since(start).Seconds())
			sec, err := runPeer(peer, in, filepath.Join(dir, name+".jieba"))
			if err != nil {
				return err
			}
			jiebaSec = append(jiebaSec, sec)
		}
		theirs, err := readPeer(filepath.Join(dir, name+".jieba"), len(lines))
		if err != nil {
			return err
		}
		r.oursWords, r.jiebaWords = countWords(ours), countWords(theirs)
		if err := writeOurs(filepath.Join(dir, name+".ours"), ours); err != nil {
			return err
		}
		r.oursSec, r.jiebaSec = median(oursSec), median(jiebaSec)
		p := r
		p.name, p.oursSec, p.oursWords = name+", gse's Cut", median(plainSec), countWords(plain)
		compare(lines, plain, theirs, &p)
		diffs := compare(lines, ours, theirs, &r)
		rows = append(rows, r, p)
		printExamples(name, diffs, examples)
	}
	printTable(rows, rounds)
	return nil
}

// readLines returns the sentences of a corpus, every k-th one when limit
// is set (k chosen so about limit lines remain), with whitespace and the
// peer's separator replaced by spaces.
func readLines(name string, limit int) ([]string, error) {
	c, err := corpus.Get(name)
	if err != nil {
		return nil, err
	}
	var all []string
	for s, err := range c.All() {
		if err != nil {
			return nil, err
		}
		l := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == 0x1f || unicode.IsControl(r) {
				return ' '
			}
			return r
		}, s.Text)
		if strings.TrimSpace(l) != "" {
			all = append(all, l)
		}
	}
	if limit <= 0 || len(all) <= limit {
		return all, nil
	}
	step := float64(len(all)) / float64(limit)
	out := make([]string, 0, limit)
	for i := range limit {
		out = append(out, all[int(float64(i)*step)])
	}
	return out, nil
}

// countWords counts the tokens that are not whitespace (jieba keeps
// spaces as tokens).
func countWords(lines [][]string) int {
	n := 0
	for _, ws := range lines {
		for _, w := range ws {
			if strings.TrimSpace(w) != "" {
				n++
			}
		}
	}
	return n
}

func runPeer(peer, in, out string) (float64, error) {
	cmd := exec.Command("/usr/bin/python3", peer, in, out)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("jieba peer (apt-get install python3-jieba): %w", err)
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return 0, fmt.Errorf("jieba peer printed %q", b)
	}
	return strconv.ParseFloat(f[0], 64)
}

func readPeer(name string, n int) ([][]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) != n {
		return nil, fmt.Errorf("%s: %d lines, want %d", name, len(lines), n)
	}
	out := make([][]string, n)
	for i, l := range lines {
		out[i] = strings.Split(l, "\x1f")
	}
	return out, nil
}

func writeOurs(name string, ours [][]string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i, ws := range ours {
		if i > 0 {
			w.WriteByte('\n')
		}
		w.WriteString(strings.Join(ws, "\x1f"))
	}
	return errors.Join(w.Flush(), f.Close())
}

// gseSeg is gse's own segmenter, which nlp/segment used before it corrected
// gse's dictionary counts; the table shows it for comparison.
var gseSeg gse.Segmenter

var gseTok = text.Tokenizer{Punct: true, Han: func(run string) []string { return gseSeg.Cut(run, true) }}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func printExamples(name string, diffs map[string]int, k int) {
	type kv struct {
		key string
		n   int
	}
	var all []kv
	total := 0
	for key, n := range diffs {
		all = append(all, kv{key, n})
		total += n
	}
	slices.SortFunc(all, func(a, b kv) int { return cmp.Or(b.n-a.n, strings.Compare(a.key, b.key)) })
	fmt.Printf("%s: %d disagreeing spans; commonest (ours | jieba):\n", name, total)
	for _, e := range all[:min(k, len(all))] {
		fmt.Printf("  %5d  %s\n", e.n, e.key)
	}
}
