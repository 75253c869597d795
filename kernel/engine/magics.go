package engine

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// magics runs IPython-style magic commands and plain Go cells.
type magics struct {
	e *Engine
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

// run executes a cell that may contain magics; it returns the status.
func (m *magics) run(code string, out jupyter.Output) string {
	trimmed := strings.TrimLeft(code, " \t\n")
	if strings.HasPrefix(trimmed, "%%") {
		first, rest, _ := strings.Cut(trimmed, "\n")
		return m.cellMagic(strings.TrimSpace(first[2:]), rest, out)
	}
	lines := strings.Split(code, "\n")
	var seg []string
	segStart := 0
	flush := func(next int) string {
		defer func() { seg = nil; segStart = next }()
		if strings.TrimSpace(strings.Join(seg, "\n")) == "" {
			return "ok"
		}
		// Pad with empty lines so errors name the cell's own line numbers.
		return m.e.runGo(strings.Repeat("\n", segStart)+strings.Join(seg, "\n"), out)
	}
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if (strings.HasPrefix(t, "%") && !strings.HasPrefix(t, "%%")) || strings.HasPrefix(t, "!") {
			if st := flush(i + 1); st != "ok" {
				return st
			}
			if st := m.lineMagic(t, out); st != "ok" {
				return st
			}
			continue
		}
		if len(seg) == 0 {
			segStart = i
		}
		seg = append(seg, line)
	}
	return flush(len(lines))
}

func (m *magics) lineMagic(t string, out jupyter.Output) string {
	if strings.HasPrefix(t, "!") {
		return m.shell(strings.TrimSpace(t[1:]), out)
	}
	name, arg, _ := strings.Cut(t[1:], " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "help", "lsmagic":
		out.Stream("stdout", magicHelp+"\n")
	case "time":
		start := time.Now()
		st := m.e.runGo(arg, out)
		out.Stream("stdout", fmt.Sprintf("Wall time: %s\n", fmtDuration(time.Since(start))))
		return st
	case "timeit":
		return m.timeit(arg, out)
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
		return m.env(arg, out)
	case "cd":
		return m.cd(arg, out)
	case "go":
		return m.goCmd(arg, out)
	default:
		return fail(out, "UsageError", fmt.Sprintf("unknown magic %%%s; %%help lists them", name))
	}
	return "ok"
}

func (m *magics) cellMagic(line, body string, out jupyter.Output) string {
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "time":
		start := time.Now()
		st := m.run(body, out)
		out.Stream("stdout", fmt.Sprintf("Wall time: %s\n", fmtDuration(time.Since(start))))
		return st
	case "timeit":
		return m.timeit(body, out)
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
		return m.shell(body, out)
	}
	return fail(out, "UsageError", fmt.Sprintf("unknown cell magic %%%%%s; %%help lists them", name))
}

// timeit wraps code in a closure the runtime times IPython's way.
func (m *magics) timeit(code string, out jupyter.Output) string {
	if strings.TrimSpace(code) == "" {
		return fail(out, "UsageError", "%timeit needs a statement to time")
	}
	return m.e.runGo(cell.Mark+"rt.TimeIt(func() { "+code+"\n})", out)
}

func (m *magics) env(arg string, out jupyter.Output) string {
	if arg == "" {
		env := os.Environ()
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
		out.Stream("stdout", os.Getenv(name)+"\n")
		return "ok"
	}
	os.Setenv(name, val)
	st := m.e.runGo(fmt.Sprintf("os.Setenv(%q, %q)", name, val), &quiet{out})
	if st == "ok" {
		out.Stream("stdout", fmt.Sprintf("env: %s=%s\n", name, val))
	}
	return st
}

func (m *magics) cd(arg string, out jupyter.Output) string {
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
	m.e.SetWorkDir(dir)
	st := m.e.runGo(fmt.Sprintf("os.Chdir(%q)", dir), &quiet{out})
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

func (m *magics) shell(cmdline string, out jupyter.Output) string {
	cmd := exec.Command("sh", "-c", cmdline)
	cmd.Dir = m.e.WorkDir()
	cmd.Stdout = streamWriter{out, "stdout"}
	cmd.Stderr = streamWriter{out, "stderr"}
	if err := cmd.Run(); err != nil {
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
