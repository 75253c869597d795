package engine

import (
	"fmt"
	"syscall"

	"github.com/lingo-nlp/lingo/kernel/limits"
)

// Limits returns the memory and CPU limits the worker runs under.
func (e *Engine) Limits() limits.Limits { return e.limits }

// outOfMemory says why a dead worker ran out of memory, or "" if it did not
// (as far as can be told): the control group's OOM killer killed a process
// while it ran, or the Go runtime could not get memory (an allocation past
// the worker's own RLIMIT_DATA ends that way), or it was killed by SIGKILL
// under a memory limit.
func (e *Engine) outOfMemory(w *workerProc, stderr string) string {
	lim := "the memory this server may use"
	if e.limits.Memory > 0 {
		lim = fmt.Sprintf("the memory limit of %s (%s)", limits.FormatSize(e.limits.Memory), e.limits.MemoryFrom)
	}
	sig, signaled := w.killedBy()
	if n, ok := limits.OOMKills(); ok && w.oomKnown && n > w.oomBefore && signaled && sig == syscall.SIGKILL {
		return "the cell ran out of memory: the system stopped the worker when it reached " + lim
	}
	if limits.OutOfMemory(stderr) {
		if e.limits.Memory > 0 {
			return "the cell ran out of memory: the worker may use at most " + limits.FormatSize(e.limits.Memory) + " (" + e.limits.MemoryFrom + ") and the cell asked for more"
		}
		return "the cell ran out of memory: the system could not give the worker more"
	}
	if signaled && sig == syscall.SIGKILL && e.limits.Memory > 0 {
		return "the worker was killed (SIGKILL), most likely because it reached " + lim
	}
	return ""
}

// killedBy returns the signal that ended the worker, if one did.
func (w *workerProc) killedBy() (syscall.Signal, bool) {
	<-w.exited
	if st := w.cmd.ProcessState; st != nil {
		if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return ws.Signal(), true
		}
	}
	return 0, false
}
