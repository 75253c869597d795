package notebook

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Markdown math is TeX between $…$ (inline) or $$…$$ (display), as in
// Jupyter. WriteHTML keeps it away from the Markdown rules (an _ in u_o is
// no italic), writes it as <span class="math"> elements holding the TeX,
// and typesets them in the page with KaTeX, inlined with its fonts so the
// page needs no network.

var (
	mdDisplayMath = regexp.MustCompile(`\$\$([^$]+)\$\$`)
	mdInlineMath  = regexp.MustCompile(`\$([^$\s](?:[^$]*[^$\s])?)\$`)
)

// mathSpan is the HTML of one formula, typeset later by KaTeX.
func mathSpan(tex string, display bool) string {
	if display {
		return `<span class="math display" style="display:block;text-align:center;margin:.6em 0">` + html.EscapeString(strings.TrimSpace(tex)) + `</span>`
	}
	return `<span class="math">` + html.EscapeString(tex) + `</span>`
}

// KaTeXDir returns a directory holding KaTeX (katex.min.js, katex.min.css
// and fonts/): $LINGO_KATEX, else Debian's libjs-katex in
// /usr/share/javascript/katex, else the copy install-data.sh unpacks from
// npm into the data directory ($LINGO_DATA/katex).
func KaTeXDir() (string, error) {
	var dirs []string
	if d := os.Getenv("LINGO_KATEX"); d != "" {
		dirs = append(dirs, d)
	} else {
		dirs = append(dirs, "/usr/share/javascript/katex", filepath.Join(dataDir(), "katex"))
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "katex.min.css")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "katex.min.js")); err == nil {
				return d, nil
			}
		}
	}
	return "", fmt.Errorf("notebook: KaTeX not found in %s (Debian: apt-get install libjs-katex)", strings.Join(dirs, " or "))
}

// dataDir is Lingo's data directory: $LINGO_DATA, else
// $XDG_DATA_HOME/lingo, else ~/.local/share/lingo.
func dataDir() string {
	if d := os.Getenv("LINGO_DATA"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "lingo")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".local", "share", "lingo")
}

var cssFontSrc = regexp.MustCompile(`src:url\((fonts/[^)]+\.woff2)\)[^;}]*`)

// katexHead returns the <style> and <script> elements that typeset every
// .math span with KaTeX from dir, fonts included as data URLs (woff2 only:
// every browser that runs KaTeX reads it).
func katexHead(dir string) (string, error) {
	css, err := os.ReadFile(filepath.Join(dir, "katex.min.css"))
	if err != nil {
		return "", err
	}
	js, err := os.ReadFile(filepath.Join(dir, "katex.min.js"))
	if err != nil {
		return "", err
	}
	var fontErr error
	inlined := cssFontSrc.ReplaceAllStringFunc(string(css), func(m string) string {
		font := cssFontSrc.FindStringSubmatch(m)[1]
		b, err := os.ReadFile(filepath.Join(dir, font))
		if err != nil {
			fontErr = errors.Join(fontErr, err)
			return m
		}
		return "src:url(data:font/woff2;base64," + base64.StdEncoding.EncodeToString(b) + ") format('woff2')"
	})
	if fontErr != nil {
		return "", fontErr
	}
	if strings.Contains(string(js), "</script") {
		return "", fmt.Errorf("notebook: %s contains </script", filepath.Join(dir, "katex.min.js"))
	}
	return "<style>\n" + inlined + "\n</style>\n<script>\n" + string(js) + "\n</script>\n", nil
}

// typesetScript renders every .math span once the page has loaded.
const typesetScript = `<script>
document.querySelectorAll(".math").forEach(function (e) {
  try { katex.render(e.textContent, e, {displayMode: e.classList.contains("display"), throwOnError: false}); } catch (x) {}
});
</script>
`
