package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// row is one corpus's line of the table.
type row struct {
	name                 string
	lines, chars         int
	hanLines, agreeLines int
	decisions, agreeDec  int
	oursWords            int
	jiebaWords           int
	oursSec, jiebaSec    float64
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// cuts returns the byte offsets in line where tokens start or end, given
// tokens that occur in line in order (whitespace between them skipped).
func cuts(line string, toks []string) map[int]bool {
	c := map[int]bool{}
	pos := 0
	for _, t := range toks {
		i := strings.Index(line[pos:], t)
		if i < 0 {
			continue // not a substring: cannot happen for either segmenter
		}
		c[pos+i] = true
		pos += i + len(t)
		c[pos] = true
	}
	return c
}

// compare sets the agreement counts of r and returns the disagreeing
// spans: between two points where both cut, the words of each side.
func compare(lines []string, ours, theirs [][]string, r *row) map[string]int {
	diffs := map[string]int{}
	r.hanLines, r.agreeLines, r.decisions, r.agreeDec = 0, 0, 0, 0
	for i, l := range lines {
		a, b := cuts(l, ours[i]), cuts(l, theirs[i])
		var points []int // decision points: between two adjacent Han runes
		prev := rune(-1)
		for j, c := range l {
			if j > 0 && isHan(prev) && isHan(c) {
				points = append(points, j)
			}
			prev = c
		}
		if len(points) == 0 {
			continue
		}
		r.hanLines++
		r.decisions += len(points)
		same := true
		for _, p := range points {
			if a[p] == b[p] {
				r.agreeDec++
			} else {
				same = false
			}
		}
		if same {
			r.agreeLines++
			continue
		}
		for _, span := range spans(l, points, a, b) {
			diffs[span]++
		}
	}
	return diffs
}

// spans lists the regions of l where the two segmentations differ, each as
// "ours words | jieba words", bounded by points where both cut (or by the
// ends of the Han run).
func spans(l string, points []int, a, b map[int]bool) []string {
	var out []string
	for k := 0; k < len(points); k++ {
		p := points[k]
		if a[p] == b[p] {
			continue
		}
		// Extend left and right to the nearest points where both cut or a
		// non-Han neighbour ends the run.
		lo := p
		for lo > 0 {
			r, w := utf8.DecodeLastRuneInString(l[:lo])
			if !isHan(r) || (lo != p && a[lo] && b[lo]) {
				break
			}
			lo -= w
		}
		if r, w := utf8.DecodeRuneInString(l[lo:]); !isHan(r) {
			lo += w
		}
		hi := p
		for hi < len(l) {
			r, w := utf8.DecodeRuneInString(l[hi:])
			if !isHan(r) || (hi != p && a[hi] && b[hi]) {
				break
			}
			hi += w
		}
		out = append(out, split(l, lo, hi, a)+" | "+split(l, lo, hi, b))
		for k+1 < len(points) && points[k+1] < hi {
			k++
		}
	}
	return out
}

// split writes l[lo:hi] with a space at each cut inside it.
func split(l string, lo, hi int, c map[int]bool) string {
	var s strings.Builder
	for j, r := range l[lo:hi] {
		if j > 0 && c[lo+j] {
			s.WriteByte(' ')
		}
		s.WriteRune(r)
	}
	return s.String()
}

func pct(a, b int) string { return fmt.Sprintf("%.1f %%", 100*float64(a)/float64(max(b, 1))) }

func printTable(rows []row, rounds int) {
	fmt.Printf("\n| corpus | lines with Han pairs | lines agreeing | boundary decisions | decisions agreeing | words ours / jieba | words/s ours | words/s jieba | speed ratio ours/jieba |\n")
	fmt.Printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		wo, wj := float64(r.oursWords)/r.oursSec, float64(r.jiebaWords)/r.jiebaSec
		fmt.Printf("| %s | %d | %s | %d | %s | %d / %d | %.0f k | %.0f k | %.2f× |\n",
			r.name, r.hanLines, pct(r.agreeLines, r.hanLines), r.decisions, pct(r.agreeDec, r.decisions),
			r.oursWords, r.jiebaWords, wo/1e3, wj/1e3, r.jiebaSec/r.oursSec)
	}
	fmt.Printf("\nSpeed: median seconds of %d interleaved rounds each (the ratio is of seconds for the same lines); words exclude whitespace tokens.\n", rounds)
}
