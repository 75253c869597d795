package kernel

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/gocache"
	"github.com/lingo-nlp/lingo/kernel/history"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// Version is Lingo's version.
const Version = "0.1.0"

const usage = `lingo — a Jupyter kernel for Go whose cells keep their state, with an NLP library and course.

Usage:
  lingo install [--user | --prefix DIR | --system]
                                            register the "Go (Lingo)" kernelspec with Jupyter
  lingo run NOTEBOOK.ipynb [-o OUT.ipynb | --inplace] [--html OUT.html] [--timeout SECONDS]
                                            execute a Go notebook headlessly; fails naming the first
                                            failing cell; writes only what -o, --inplace, --html ask
  lingo doctor                              check the set-up, one line per check, with the fix
  lingo trust [--check] [NOTEBOOK.ipynb …]  sign notebooks (default: the lessons) so Jupyter shows their stored outputs
  lingo kernel --connection-file FILE [--memory SIZE] [--cpus N]
                                            run the kernel (Jupyter starts this); the worker's memory
                                            and CPU limits default to the control group's and to
                                            $MEM_LIMIT/$CPU_LIMIT
  lingo warm [--system]                     build the worker and warm the build cache (--system:
                                            a system install's shared caches, as root)
  lingo lessons [DIR]                       copy a system install's lessons to DIR (default
                                            ~/lingo-lessons), keeping files already there
  lingo gocache SHARED...                   the Go build cache program (GOCACHEPROG) of a system
                                            install: your $GOCACHE over read-only shared caches
  lingo version
`

// sourceRoot is the directory of Lingo's source, set at build time by
// install.sh (-ldflags -X); the engine builds cells against it.
var sourceRoot string

// Main runs the lingo command with its arguments and returns the exit code.
func Main(args []string) int {
	engine.BuiltRoot = sourceRoot
	applySystemDefaults()
	if len(args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "kernel":
		return kernelCmd(rest)
	case "install":
		return installCmd(rest)
	case "run":
		return runCmd(rest)
	case "doctor":
		return doctorCmd(rest, os.Stdout)
	case "trust":
		return trustCmd(rest, os.Stdout)
	case "warm":
		if len(rest) == 1 && rest[0] == "--system" {
			return warmSystem()
		}
		return warmCmd()
	case "lessons":
		return lessonsCmd(rest)
	case "gocache":
		return gocacheCmd(rest)
	case "version", "--version", "-v":
		fmt.Println("lingo", Version, runtime.Version())
		return 0
	case "help", "-h", "--help":
		fmt.Print(usage)
		return 0
	}
	fmt.Fprintf(os.Stderr, "lingo: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func kernelCmd(args []string) int {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	conn := fs.String("connection-file", "", "Jupyter connection file")
	fs.StringVar(conn, "f", "", "Jupyter connection file (short)")
	lim := limitFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *conn == "" {
		fmt.Fprintln(os.Stderr, "lingo kernel: --connection-file is required")
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ci, err := jupyter.ReadConnectionFile(*conn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ignoreInterrupts()
	// Refuse a cache directory others could have planted programs in
	// before anything listens (the engine, created in the background,
	// checks it again).
	if _, err := engine.CacheDir(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	e := newStartingEngine()
	e.cfg = engine.Config{Limits: *lim}
	s, err := jupyter.NewServer(ci, jupyter.Config{Executor: e, Log: log, Version: Version, History: openHistory(log)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	e.start() // the sockets are bound: the frontend can connect meanwhile
	stopWhenOrphaned(s.Shutdown)
	s.Serve()
	return 0
}

// warmCmd builds the worker and a first cell so the user's first cell does
// not pay a cold compile.
func warmCmd() int {
	start := time.Now()
	e, err := engine.New(engine.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer e.Close()
	if code := runWarmCells(e); code != 0 {
		return code
	}
	fmt.Printf("lingo: build cache warm (%.1f s)\n", time.Since(start).Seconds())
	return 0
}

// runWarmCells runs the cells that build the worker and what a first cell
// needs.
func runWarmCells(e *engine.Engine) int {
	out := &textOutput{w: os.Stdout}
	for _, cell := range []string{`fmt.Println("lingo: worker ready")`, `x := 1` + "\n" + `x`, `plots.Display(plots.Bundle{"text/plain": "plots ready"})`} {
		if e.Execute(context.Background(), jupyter.Cell{Code: cell}, out) != nil {
			fmt.Fprintln(os.Stderr, "lingo warm: a warm-up cell failed")
			return 1
		}
	}
	return 0
}

// gocacheCmd is the Go build cache program of a system install's kernels
// (GOCACHEPROG="lingo gocache SHARED…"): it serves the go command on
// standard input and output from the user's $GOCACHE and the shared caches
// named as arguments.
func gocacheCmd(shared []string) int {
	if err := gocache.Serve(os.Stdin, os.Stdout, gocache.Config{Own: os.Getenv("GOCACHE"), Shared: shared}); err != nil {
		fmt.Fprintln(os.Stderr, "lingo gocache:", err)
		return 1
	}
	return 0
}

// textOutput prints a cell's output as text.
type textOutput struct{ w io.Writer }

func (o *textOutput) Stream(name, text string) { fmt.Fprint(o.w, text) }
func (o *textOutput) Display(d map[string]string, id string, update bool) {
	fmt.Fprintln(o.w, d["text/plain"])
}
func (o *textOutput) Clear(bool)                        {}
func (o *textOutput) Result(d map[string]string)        { fmt.Fprintln(o.w, d["text/plain"]) }
func (o *textOutput) Input(string, bool) (string, bool) { return "", false }
func (o *textOutput) Error(ename, evalue string, tb []string) {
	fmt.Fprintln(o.w, strings.Join(tb, "\n"))
}

// openHistory opens the history file in the data directory, or returns
// nil (no history) when there is no data directory or it cannot be used.
func openHistory(log *slog.Logger) *history.History {
	d := dataDir()
	if !filepath.IsAbs(d) {
		log.Warn("no history: no data directory (set HOME or LINGO_DATA)")
		return nil
	}
	h, err := history.Open(filepath.Join(d, "history.jsonl"), history.Options{})
	if err != nil {
		log.Warn("no history", "err", err)
		return nil
	}
	return h
}

// dataDir is where Lingo keeps data (corpora, history): $LINGO_DATA, else
// $XDG_DATA_HOME/lingo, else ~/.local/share/lingo.
func dataDir() string {
	if d := os.Getenv("LINGO_DATA"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "lingo")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "share", "lingo")
}
