package plots

import (
	"html"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// esc escapes text for HTML element content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// FormatNumber formats v the way tables and labels show numbers when no
// explicit format is given: integers without a decimal point, moderate
// values with at most four decimals (trailing zeros trimmed), and very large
// or very small magnitudes in scientific notation with three decimals.
//
//	FormatNumber(3)         == "3"
//	FormatNumber(0.15312)   == "0.1531"
//	FormatNumber(0.0000123) == "1.230e-05"
func FormatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	a := math.Abs(v)
	if a >= 1e6 || a < 1e-4 {
		return strconv.FormatFloat(v, 'e', 3, 64)
	}
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" || s == "0" {
		// A value that rounds to zero at four decimals keeps a significant digit.
		return strconv.FormatFloat(v, 'e', 3, 64)
	}
	return s
}

// toFloat reports the numeric value of v if v is a Go number.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// width is the number of terminal columns s occupies, counting runes (good
// enough for Latin text; CJK characters count as two).
func width(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd))
}

// pad pads s with spaces to w columns, on the left when right is set.
func pad(s string, w int, right bool) string {
	n := w - width(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// clip shortens s to at most n runes, ending with "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// textBar draws a horizontal bar of frac∈[0,1] of w character cells using
// eighth blocks, so 0.5 of 10 cells is "█████".
func textBar(frac float64, w int) string {
	if !(frac > 0) {
		return ""
	}
	if frac > 1 {
		frac = 1
	}
	eighths := int(math.Round(frac * float64(w) * 8))
	full, rest := eighths/8, eighths%8
	s := strings.Repeat("█", full)
	if rest > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[rest-1])
	}
	return s
}

// sparkline draws ys as a row of block characters, min at "▁", max at "█".
func sparkline(ys []float64, maxWidth int) string {
	if len(ys) == 0 {
		return ""
	}
	if len(ys) > maxWidth {
		// Average consecutive runs so the line fits.
		out := make([]float64, maxWidth)
		for i := range out {
			lo, hi := i*len(ys)/maxWidth, (i+1)*len(ys)/maxWidth
			s := 0.0
			for _, y := range ys[lo:hi] {
				s += y
			}
			out[i] = s / float64(hi-lo)
		}
		ys = out
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		if isFinite(y) {
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
	}
	blocks := []rune("▁▂▃▄▅▆▇█")
	var sb strings.Builder
	for _, y := range ys {
		switch {
		case !isFinite(y):
			sb.WriteRune(' ')
		case hi == lo:
			sb.WriteRune(blocks[3])
		default:
			sb.WriteRune(blocks[int(math.Round((y-lo)/(hi-lo)*7))])
		}
	}
	return sb.String()
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
