package main

// Black-box tests that nothing is left running when whoever started the
// kernel goes away (issue 27 item 7).

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func skipUnlessLinux(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
}

// startWorker runs a cell so that the kernel's worker runs, and returns
// the worker's pid.
func (k *testKernel) startWorker() int {
	k.t.Helper()
	if st := k.execute(k.dial("shell", "DEALER"), "x := 1\nx"); st != "ok" {
		k.t.Fatalf("the first cell: status %q\n%s", st, tail(k.stderr.String(), 2000))
	}
	ws := children(k.pid, "worker-")
	if len(ws) != 1 {
		k.t.Fatalf("kernel %d has workers %v, want one", k.pid, ws)
	}
	return ws[0]
}

// TestKernelExitsWhenFrontEndDies: a front end that started the kernel with
// JPY_PARENT_PID (as jupyter_client does) is killed with SIGKILL; the
// kernel and its worker must exit instead of running forever.
func TestKernelExitsWhenFrontEndDies(t *testing.T) {
	skipUnlessLinux(t)
	k := launchKernel(t, "LINGO_TEST_AS_PARENT=1")
	reapLater(t, k.pid)
	waitFor(t, "the kernel answers", func() bool {
		c, err := k.tryDial("shell", "DEALER")
		if err == nil {
			c.conn.Close()
		}
		return err == nil
	})
	worker := k.startWorker()
	reapLater(t, worker)
	k.cmd.Process.Kill()
	<-k.exited
	waitFor(t, "the orphaned kernel exits", func() bool { return !running(k.pid) })
	waitFor(t, "its worker exits", func() bool { return !running(worker) })
}

// TestWorkerDiesWithKernel: when the kernel itself is killed with SIGKILL
// (the OOM killer, say), its worker goes too.
func TestWorkerDiesWithKernel(t *testing.T) {
	skipUnlessLinux(t)
	k := startKernel(t)
	worker := k.startWorker()
	reapLater(t, worker)
	k.cmd.Process.Kill()
	<-k.exited
	waitFor(t, "the worker exits", func() bool { return !running(worker) })
}

// TestRunStopsKernelOnSignal: lingo run, interrupted with Ctrl-C (SIGINT
// to its process group, as a terminal sends it) or SIGTERM while a cell
// runs, stops its kernel and worker, removes the connection file, writes
// nothing and exits non-zero.
func TestRunStopsKernelOnSignal(t *testing.T) {
	skipUnlessLinux(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			tmp := t.TempDir()
			nb := filepath.Join(dir, "spin.ipynb")
			src := `{"cells": [{"cell_type": "code", "metadata": {}, "source": "os.WriteFile(\"running\", nil, 0o644)\nfor {\n}", "outputs": [], "execution_count": null}],
 "metadata": {"kernelspec": {"name": "lingo", "language": "go"}}, "nbformat": 4, "nbformat_minor": 5}`
			if err := os.WriteFile(nb, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out.ipynb")
			cmd := exec.Command(os.Args[0], "run", nb, "-o", out)
			cmd.Env = append(os.Environ(), "LINGO_TEST_AS_LINGO=1", "TMPDIR="+tmp)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			var stderr syncBuffer
			cmd.Stderr = &stderr
			cmd.WaitDelay = 2 * time.Second // an orphaned kernel may keep stderr open
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			run := cmd.Process.Pid
			reapLater(t, run)
			var kernel, worker int
			waitFor(t, "lingo run starts a kernel and its worker", func() bool {
				if ks := children(run, "kernel"); len(ks) == 1 {
					kernel = ks[0]
					if ws := children(kernel, "worker-"); len(ws) == 1 {
						worker = ws[0]
						return true
					}
				}
				return false
			})
			reapLater(t, kernel, worker)
			waitFor(t, "the cell runs", func() bool {
				_, err := os.Stat(filepath.Join(dir, "running"))
				return err == nil
			})
			if sig == syscall.SIGINT {
				syscall.Kill(-run, sig)
			} else {
				syscall.Kill(run, sig)
			}
			err := cmd.Wait()
			if err == nil {
				t.Errorf("lingo run exited 0 after %v", sig)
			}
			if !strings.Contains(stderr.String(), "stopped by a signal") {
				t.Errorf("lingo run said:\n%s", tail(stderr.String(), 2000))
			}
			waitFor(t, "the kernel exits", func() bool { return !running(kernel) })
			waitFor(t, "the worker exits", func() bool { return !running(worker) })
			left, _ := filepath.Glob(filepath.Join(tmp, "lingo-run-*"))
			if len(left) > 0 {
				t.Errorf("connection directories left behind: %v", left)
			}
			if b, _ := os.ReadFile(nb); string(b) != src {
				t.Errorf("the notebook was rewritten:\n%s", b)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written after %v", out, sig)
			}
		})
	}
}
