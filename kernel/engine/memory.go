package engine

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// WorkerMemory is what the worker process holds in memory (%memory).
type WorkerMemory struct {
	PID   int
	RSS   int64 // resident bytes
	Anon  int64 // resident anonymous memory: the Go heap (session values), stacks, relocated data of cells; -1 if unknown
	File  int64 // resident file-backed memory: code of the worker, its libraries and the loaded cells; -1 if unknown
	Cells int   // cells loaded (Go cannot unload them)
}

// Memory reports the worker's memory use.
func (e *Engine) Memory() (WorkerMemory, error) {
	e.wmu.Lock()
	w := e.w
	e.wmu.Unlock()
	if w == nil || w.dead() || w.cmd.Process == nil {
		return WorkerMemory{}, errors.New("lingo: no worker is running")
	}
	m := WorkerMemory{PID: w.cmd.Process.Pid, Anon: -1, File: -1}
	e.mu.Lock() // w.loaded belongs to runGo
	m.Cells = len(w.loaded)
	e.mu.Unlock()
	if f, err := os.Open(fmt.Sprintf("/proc/%d/status", m.PID)); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if !ok {
				continue
			}
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				continue
			}
			switch k {
			case "VmRSS":
				m.RSS = kb << 10
			case "RssAnon":
				m.Anon = kb << 10
			case "RssFile":
				m.File = kb << 10
			}
		}
		return m, sc.Err()
	}
	// No /proc (macOS): ps reports the resident size in KiB.
	out, err := exec.Command("ps", "-o", "rss=", "-p", strconv.Itoa(m.PID)).Output()
	if err != nil {
		return m, fmt.Errorf("lingo: reading the worker's memory: %w", err)
	}
	kb, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return m, fmt.Errorf("lingo: reading the worker's memory: ps said %q", out)
	}
	m.RSS = kb << 10
	return m, nil
}

// mib formats a byte count in MiB.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// memoryReport is the text of %memory.
func memoryReport(m WorkerMemory) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Worker memory (process %d): %s resident, %d cells loaded\n", m.PID, mib(m.RSS), m.Cells)
	if m.Anon >= 0 && m.File >= 0 {
		fmt.Fprintf(&b, "  data  %10s  the session's values (Go heap), stacks, cells' relocated data\n", mib(m.Anon))
		fmt.Fprintf(&b, "  code  %10s  the worker, its libraries and the loaded cells\n", mib(m.File))
	}
	b.WriteString("%reset restarts the worker and frees all of it (and forgets every variable); " +
		"setting a large variable to nil frees its share of the data without a reset.\n")
	return b.String()
}
