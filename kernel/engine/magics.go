package engine

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// magics runs IPython-style magic commands and plain Go cells.
type magics struct {
	e    *Engine
	name string // of the cell running, for positions in its Go code
}

const magicHelp = `Lingo magics
  %help                 this list
  %time STATEMENT       run one line of Go and report the wall time; %%time for a whole cell
  %timeit STATEMENT     run it repeatedly and report the time per loop; %%timeit for a cell
  %who                  session variables and their types
  %memory               memory the worker holds: data (variables) and code (loaded cells)
  %reset                forget every variable, type and function (restarts the worker)
  %env [NAME[=VALUE]]   show or set environment variables (kernel and cells)
  %cd [DIR]             change the working directory of cells and shell commands
  %go get MODULE@VER    add a module to the session (then import its packages)
  !COMMAND              run a shell command
  %%writefile FILE      write the rest of the cell to FILE
Cells are Go: declarations and statements mixed, no func main. Variables, types and
functions stay in memory from cell to cell. The last expression of a cell is shown.
In cells, ctx is the cell's context.Context: it is cancelled on interrupt.`

// run executes a cell that may contain magics; it returns the status. The
// cell's Go code and magics run in order; the first that fails ends it.
func (m *magics) run(ctx context.Context, code string, out jupyter.Output) string {
	for _, seg := range cell.Segments(code) {
		if ctx.Err() != nil {
			return notStarted(out)
		}
		var st string
		switch seg.Kind {
		case cell.GoCode:
			st = m.e.runGo(ctx, m.name, seg.Text, out)
		case cell.LineMagic:
			st = m.lineMagic(ctx, seg.Magic, seg.Line, out)
		case cell.Shell:
			st = m.shell(ctx, seg.Magic, out)
		case cell.CellMagic:
			st = m.cellMagic(ctx, seg.Magic, seg.Text, seg.Line, out)
		}
		if st != "ok" {
			return st
		}
	}
	return "ok"
}

// lineMagic runs "%"+t, which is on line of the cell.
func (m *magics) lineMagic(ctx context.Context, t string, line int, out jupyter.Output) string {
	name, arg, _ := strings.Cut(t, " ")
	arg = strings.TrimSpace(arg)
	code := strings.Repeat("\n", line-1) + arg // Go code in arg keeps its line
	switch name {
	case "help", "lsmagic":
		out.Stream("stdout", magicHelp+"\n")
	case "time":
		return m.time(out, func() string { return m.e.runGo(ctx, m.name, code, out) })
	case "timeit":
		return m.timeit(ctx, code, out)
	case "who", "whos":
		vars := m.e.Variables()
		var b strings.Builder
		if len(vars) == 0 {
			b.WriteString("No variables are defined.\n")
		} else {
			fmt.Fprintf(&b, "%-20s %s\n%-20s %s\n", "Variable", "Type", "--------", "----")
			for _, v := range vars {
				fmt.Fprintf(&b, "%-20s %s\n", v[0], v[1])
			}
		}
		if mem, err := m.e.Memory(); err == nil {
			fmt.Fprintf(&b, "\nWorker memory: %s resident, %d cells loaded (%%memory for details)\n", mib(mem.RSS), mem.Cells)
		}
		out.Stream("stdout", b.String())
	case "memory":
		mem, err := m.e.Memory()
		if err != nil {
			return fail(out, "MemoryError", err.Error())
		}
		out.Stream("stdout", memoryReport(mem))
	case "reset":
		if err := m.e.Reset(); err != nil {
			return fail(out, "ResetError", err.Error())
		}
		out.Stream("stdout", "Session reset: every variable, type and function is forgotten.\n")
	case "env":
		return m.env(ctx, arg, out)
	case "cd":
		return m.cd(ctx, arg, out)
	case "go":
		return m.goCmd(arg, out)
	default:
		return fail(out, "UsageError", fmt.Sprintf("unknown magic %%%s; %%help lists them", name))
	}
	return "ok"
}

// cellMagic runs "%%"+line with the rest of the cell, body, which starts on
// the cell's line bodyLine.
func (m *magics) cellMagic(ctx context.Context, line, body string, bodyLine int, out jupyter.Output) string {
	padded := strings.Repeat("\n", bodyLine) + body // so errors name the cell's lines
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "time":
		return m.time(out, func() string { return m.run(ctx, padded, out) })
	case "timeit":
		return m.timeit(ctx, padded, out)
	case "writefile":
		if arg == "" {
			return fail(out, "UsageError", "%%writefile needs a file name")
		}
		p := arg
		if !filepath.IsAbs(p) {
			p = filepath.Join(m.e.WorkDir(), p)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return fail(out, "OSError", err.Error())
		}
		out.Stream("stdout", "Writing "+arg+"\n")
		return "ok"
	case "sh", "bash":
		return m.shell(ctx, body, out)
	}
	return fail(out, "UsageError", fmt.Sprintf("unknown cell magic %%%%%s; %%help lists them", name))
}

// time runs f and reports, as IPython's %time does, how long the code ran
// ("Wall time") and, on its own line, how long compiling, building and
// loading it took ("Compiler").
func (m *magics) time(out jupyter.Output, f func() string) string {
	t := &timing{}
	m.e.timing = t
	st := f()
	m.e.timing = nil
	report := fmt.Sprintf("Wall time: %s\n", fmtDuration(t.run))
	if t.compile > 0 {
		report += fmt.Sprintf("Compiler : %s\n", fmtDuration(t.compile))
	}
	out.Stream("stdout", report)
	return st
}

// timeit wraps code in a closure the runtime times IPython's way.
func (m *magics) timeit(ctx context.Context, code string, out jupyter.Output) string {
	if strings.TrimSpace(code) == "" {
		return fail(out, "UsageError", "%timeit needs a statement to time")
	}
	// The code's leading newlines go inside the closure, so its lines stay.
	return m.e.runGo(ctx, m.name, cell.Mark+"rt.TimeIt(func() {"+code+"\n})", out)
}

func (m *magics) env(ctx context.Context, arg string, out jupyter.Output) string {
	if arg == "" {
		env := slices.Clone(m.e.Env())
		sort.Strings(env)
		out.Stream("stdout", strings.Join(env, "\n")+"\n")
		return "ok"
	}
	name, val, set := strings.Cut(arg, "=")
	if !set {
		name, val, set = strings.Cut(arg, " ")
	}
	name, val = strings.TrimSpace(name), strings.TrimSpace(val)
	if !set {
		v := ""
		for _, kv := range m.e.Env() {
			if k, x, _ := strings.Cut(kv, "="); k == name {
				v = x
			}
		}
		out.Stream("stdout", v+"\n")
		return "ok"
	}
	// Set in the worker: cells, shell commands and %env then agree.
	st := m.e.runGo(ctx, m.name, fmt.Sprintf("os.Setenv(%q, %q)", name, val), &quiet{out})
	if st == "ok" {
		out.Stream("stdout", fmt.Sprintf("env: %s=%s\n", name, val))
	}
	return st
}

func (m *magics) cd(ctx context.Context, arg string, out jupyter.Output) string {
	dir := arg
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	if strings.HasPrefix(dir, "~") {
		home, _ := os.UserHomeDir()
		dir = home + dir[1:]
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(m.e.WorkDir(), dir)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fail(out, "OSError", fmt.Sprintf("%%cd: %s is not a directory", dir))
	}
	// Change it in the worker: cells, shell commands and %%writefile follow.
	st := m.e.runGo(ctx, m.name, fmt.Sprintf("os.Chdir(%q)", dir), &quiet{out})
	if st == "ok" {
		out.Stream("stdout", dir+"\n")
	}
	return st
}

func (m *magics) goCmd(arg string, out jupyter.Output) string {
	fields := strings.Fields(arg)
	if len(fields) < 2 || fields[0] != "get" {
		return fail(out, "UsageError", "usage: %go get MODULE[@VERSION] …")
	}
	if err := m.e.GoGet(fields[1:], out); err != nil {
		return fail(out, "GoGetError", err.Error())
	}
	return "ok"
}

// shell runs a shell command (!cmd, %%sh). It runs in its own process
// group, which an interrupt kills: the shell and everything it started.
func (m *magics) shell(ctx context.Context, cmdline string, out jupyter.Output) string {
	cmd := exec.CommandContext(ctx, "sh", "-c", cmdline)
	cmd.Dir = m.e.WorkDir()
	cmd.Env = m.e.Env()
	cmd.Stdout = streamWriter{out, "stdout"}
	cmd.Stderr = streamWriter{out, "stderr"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second // a background child that keeps the pipes open
	err := cmd.Run()
	if ctx.Err() != nil {
		out.Error("Interrupted", "the shell command was interrupted", []string{"Interrupted: the shell command and the processes it started were killed."})
		return "interrupted"
	}
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			out.Stream("stderr", "exit status "+strconv.Itoa(ee.ExitCode())+"\n")
			return "ok" // like IPython: a failing shell command does not fail the cell
		}
		return fail(out, "OSError", err.Error())
	}
	return "ok"
}

type streamWriter struct {
	out  jupyter.Output
	name string
}

func (w streamWriter) Write(p []byte) (int, error) {
	w.out.Stream(w.name, string(p))
	return len(p), nil
}

// quiet passes on errors only.
type quiet struct{ jupyter.Output }

func (quiet) Stream(string, string)                   {}
func (quiet) Result(map[string]string)                {}
func (quiet) Display(map[string]string, string, bool) {}

func fail(out jupyter.Output, ename, evalue string) string {
	out.Error(ename, evalue, []string{ename + ": " + evalue})
	return "error"
}

func fmtDuration(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%d ns", d.Nanoseconds())
	case d < time.Millisecond:
		return fmt.Sprintf("%.3g µs", float64(d.Nanoseconds())/1e3)
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", float64(d.Nanoseconds())/1e6)
	}
	return fmt.Sprintf("%.3g s", d.Seconds())
}
