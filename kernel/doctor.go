package kernel

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/notebook"
	"github.com/lingo-nlp/lingo/kernel/trust"
	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/plots"
)

// A check is one line of lingo doctor.
type check struct {
	name string
	ok   bool
	info string // what was found, or what is missing
	fix  string // what to do when not ok
}

// Doctor runs the set-up checks.
func Doctor() []check {
	var cs []check
	goOut, err := exec.Command("go", "env", "GOVERSION").Output()
	goVer := strings.TrimSpace(string(goOut))
	cs = append(cs, check{"Go toolchain", err == nil, goVer,
		"install Go 1.26 or newer (https://go.dev/dl/, or your package manager) and put its bin directory on PATH"})
	cc, _ := exec.Command("go", "env", "CC").Output()
	ccName := strings.TrimSpace(string(cc))
	if ccName == "" {
		ccName = "gcc"
	}
	_, ccErr := exec.LookPath(ccName)
	cgo, _ := exec.Command("go", "env", "CGO_ENABLED").Output()
	cgoOn := strings.TrimSpace(string(cgo)) == "1"
	cs = append(cs, check{"C compiler and cgo (plugins need them)", ccErr == nil && cgoOn && err == nil,
		fmt.Sprintf("CC=%s, CGO_ENABLED=%s", ccName, strings.TrimSpace(string(cgo))),
		"install a C compiler: sudo apt-get install gcc (Debian/Ubuntu) or xcode-select --install (macOS); do not set CGO_ENABLED=0"})
	root, rootErr := engine.SourceRoot()
	cs = append(cs, check{"Lingo source tree", rootErr == nil, root, "set LINGO_ROOT to your lingo checkout"})
	_, jErr := exec.LookPath("jupyter")
	cs = append(cs, check{"Jupyter", jErr == nil, "jupyter on PATH",
		"sudo apt-get install jupyter-notebook jupyter-console python3-nbclient jupyter-nbconvert (or ./install.sh)"})
	spec := filepath.Join(KernelSpecDir(""), "kernel.json")
	_, specErr := os.Stat(spec)
	specFix := "lingo install --user"
	if s, ok := installed(); specErr != nil && ok {
		spec, specFix, specErr = s.kernelspecCheck()
	} else if specErr != nil {
		if p, err := exec.Command("jupyter", "kernelspec", "list").Output(); err == nil && strings.Contains(string(p), "lingo") {
			specErr = nil
			spec = "registered (jupyter kernelspec list)"
		}
	}
	cs = append(cs, check{"kernelspec \"lingo\"", specErr == nil, spec, specFix})
	warm, workers := false, ""
	if rootErr == nil {
		warm, workers = engine.WorkerBuilt(root)
	}
	cs = append(cs, check{"worker built and build cache warm", warm, workers,
		"run ./install.sh (or run any cell once): the first build takes about a minute"})
	if rootErr == nil && err == nil {
		// Static plugins work everywhere plugins do; this line says which
		// way a session links cells.
		cs = append(cs, check{"cell linking", true, engine.LinkPlan(root), ""})
	}
	cs = append(cs, check{"plugin support (linux or darwin)", pluginsSupported(), goosArch(), "Go plugins need Linux or macOS"})
	cs = append(cs, dataChecks()...)
	cs = append(cs, blasCheck(root, rootErr == nil && err == nil))
	cs = append(cs, trustCheck(), cjkCheck(), katexCheck())
	return append(cs, systemChecks()...)
}

// trustCheck reports whether Jupyter trusts the lessons, i.e. shows their
// stored charts and tables rather than text.
func trustCheck() check {
	c := check{name: "lessons trusted by Jupyter (charts shown)", fix: "lingo trust (./install.sh does it too)"}
	if _, ok := installed(); ok {
		c.fix = "lingo lessons (copies the lessons to ~/lingo-lessons and signs them; a hub runs it when your server starts), or lingo trust"
	}
	nbs, err := lessonNotebooks()
	if err != nil || len(nbs) == 0 {
		c.info = fmt.Sprintf("no lessons found (%v)", err)
		return c
	}
	ok, err := trust.Trusted(nbs...)
	if err != nil {
		c.info = err.Error()
		return c
	}
	var untrusted []string
	for i, p := range nbs {
		if !ok[i] {
			untrusted = append(untrusted, notebookName(p))
		}
	}
	c.ok = len(untrusted) == 0
	c.info = fmt.Sprintf("%d of %d lessons signed", len(nbs)-len(untrusted), len(nbs))
	if !c.ok {
		c.info += "; not trusted, their charts show as text: " + strings.Join(untrusted, ", ")
	}
	return c
}

// cjkCheck reports whether Chinese text can be drawn: a CJK font for PNG
// charts (plots.CJKFontFile) and one the browser finds (fontconfig).
func cjkCheck() check {
	c := check{name: "CJK font (Chinese in charts and tables)",
		fix: "sudo apt-get install fonts-noto-cjk (macOS: brew install --cask font-noto-sans-cjk), or set LINGO_CJK_FONT to a .ttc/.otf file"}
	path, ok := plots.CJKFontFile()
	if !ok {
		c.info = "no CJK font found: Chinese shows as empty boxes"
		return c
	}
	c.ok, c.info = true, path
	if out, err := exec.Command("fc-list", ":lang=zh", "family").Output(); err == nil && strings.TrimSpace(string(out)) == "" {
		c.ok, c.info = false, path+", but fontconfig lists no Chinese font for the browser"
	}
	return c
}

// katexCheck reports whether lingo run --html can typeset Markdown math.
func katexCheck() check {
	c := check{name: "KaTeX (math in lingo run --html)", fix: "sudo apt-get install libjs-katex, or: sh nlp/corpus/install-data.sh katex"}
	dir, err := notebook.KaTeXDir()
	c.ok, c.info = err == nil, dir
	if err != nil {
		c.info = err.Error()
	}
	return c
}

// dataChecks is one line per corpus of package corpus's catalogue (the
// embedded ones need nothing): where it is, or where it was looked for and
// the command that installs it.
func dataChecks() []check {
	var cs []check
	for _, c := range corpus.List() {
		if c.Path == "" {
			continue // embedded
		}
		where, err := c.Location()
		if err != nil {
			where = c.Path
			if !filepath.IsAbs(where) {
				where = filepath.Join(corpus.DataDir(), where)
			}
		}
		cs = append(cs, check{"data: " + c.Name, err == nil, where, "./install.sh, or: " + c.Install + " (" + c.Package + ")"})
	}
	return cs
}

// doctorWords are the words of lingo doctor's frame, in English and, for a
// Chinese locale, in Chinese; the checks themselves are in English.
var doctorWords = map[bool][3]string{
	false: {"fix: ", "%d check(s) need attention.\n", "Everything Lingo needs is in place."},
	true:  {"解决办法：", "有 %d 项检查需要处理。\n", "Lingo 所需的一切都已就绪。"},
}

// zhLocale reports whether the user's locale is Chinese: the first of
// LC_ALL, LC_MESSAGES and LANG that is set starts with "zh".
func zhLocale() bool {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			return strings.HasPrefix(l, "zh")
		}
	}
	return false
}

func doctorCmd(args []string, w io.Writer) int {
	words := doctorWords[zhLocale()]
	bad := 0
	for _, c := range Doctor() {
		mark := "ok     "
		if !c.ok {
			mark = "MISSING"
			bad++
		}
		line := fmt.Sprintf("%s %-42s %s", mark, c.name, c.info)
		if !c.ok && c.fix != "" {
			line += "\n        " + words[0] + c.fix
		}
		fmt.Fprintln(w, line)
	}
	if bad > 0 {
		fmt.Fprintf(w, words[1], bad)
		return 1
	}
	fmt.Fprintln(w, words[2])
	return 0
}

// blasCheck reports what nlp's matrix products and element-wise kernels
// use, as a program built like the worker finds it (engine.ProbeBLAS). A
// pure-Go BLAS is a missing piece unless asked for with LINGO_BLAS.
func blasCheck(root string, canBuild bool) check {
	c := check{name: "BLAS used by nlp/autograd", fix: blasFix()}
	if !canBuild {
		c.info = "not checked: needs Go and Lingo's source tree"
		return c
	}
	blas, kernels, err := engine.ProbeBLAS(root)
	if err != nil {
		c.info = err.Error()
		return c
	}
	c.info = blas + "; element-wise kernels: " + kernels
	c.ok = !strings.Contains(blas, "pure Go") || strings.Contains(blas, "LINGO_BLAS=")
	return c
}

func blasFix() string {
	if runtime.GOOS == "darwin" {
		return "Accelerate is part of macOS; or brew install openblas"
	}
	return "sudo apt-get install libopenblas0 (or ./install.sh); Fedora: sudo dnf install openblas"
}
