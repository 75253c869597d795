package worker

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
)

// The worker keeps its own handles on the pipes behind file descriptors 1
// and 2, which cells never see: its markers go there even if a cell
// redirects or closes os.Stdout or os.Stderr, and repairStdio uses them to
// give a cell that closed them working ones again.
var (
	stdoutR    *os.File // read end of the standard output pipe
	stdoutPipe *os.File // write end, also at file descriptor 1
	stderrOwn  *os.File // a copy of file descriptor 2

	cellStdout, cellStderr *os.File // os.Stdout and os.Stderr as the worker set them
)

// captureStdout points file descriptor 1 at a pipe that a goroutine reads
// and forwards as "stream" events, so output and displays stay in order.
func captureStdout() {
	cellStdout, cellStderr = os.Stdout, os.Stderr
	if fd, err := syscall.Dup(2); err == nil {
		syscall.CloseOnExec(fd)
		stderrOwn = os.NewFile(uintptr(fd), "lingo-stderr")
	} else {
		stderrOwn = os.Stderr
	}
	r, w, err := os.Pipe()
	if err != nil {
		return
	}
	if err := dupTo(int(w.Fd()), 1); err != nil {
		return
	}
	stdoutR, stdoutPipe = r, w
	go forwardStdout(r)
}

// repairStdio gives cells a working os.Stdout and os.Stderr again if an
// earlier cell closed them (os.Stdout.Close() used to lose every later
// cell's output). A cell that pointed them elsewhere keeps its choice.
func repairStdio() {
	if os.Stdout == cellStdout && closed(cellStdout) && stdoutPipe != nil {
		if dupTo(int(stdoutPipe.Fd()), 1) == nil {
			cellStdout = os.NewFile(1, "/dev/stdout")
			os.Stdout = cellStdout
		}
	}
	if os.Stderr == cellStderr && closed(cellStderr) && stderrOwn != os.Stderr {
		if dupTo(int(stderrOwn.Fd()), 2) == nil {
			cellStderr = os.NewFile(2, "/dev/stderr")
			os.Stderr = cellStderr
		}
	}
}

func closed(f *os.File) bool {
	_, err := f.Write(nil)
	return errors.Is(err, os.ErrClosed)
}

// flushMarker is written to standard output by flushStdout; when the
// forwarding goroutine reads it back, everything written before it has been
// sent. It never reaches the user.
const flushMarker = "\x00\x01lingo-flush\x01\x00"

var (
	flushMu   sync.Mutex
	flushSeen = make(chan struct{}, 16)
)

func forwardStdout(r *os.File) {
	buf := make([]byte, 64<<10)
	var pending []byte // bytes read but not yet sent
	for {
		n, err := r.Read(buf)
		pending = append(pending, buf[:n]...)
		for {
			i := strings.Index(string(pending), flushMarker)
			if i < 0 {
				break
			}
			sendText(pending[:i])
			pending = append(pending[:0], pending[i+len(flushMarker):]...)
			flushSeen <- struct{}{}
		}
		// Keep back a possible start of a marker, and an incomplete UTF-8
		// sequence, for the next read.
		keep := 0
		for k := len(flushMarker) - 1; k > 0; k-- {
			if k <= len(pending) && strings.HasPrefix(flushMarker, string(pending[len(pending)-k:])) {
				keep = k
				break
			}
		}
		cut := len(pending) - keep
		for cut > 0 && cut > len(pending)-keep-4 && !utf8.Valid(pending[:cut]) {
			cut--
		}
		if cut > 0 {
			sendText(pending[:cut])
			pending = append(pending[:0], pending[cut:]...)
		}
		if err != nil {
			if err != io.EOF {
				fmt.Fprintln(os.Stderr, "lingo worker: stdout:", err)
			}
			return
		}
	}
}

func sendText(b []byte) {
	if len(b) > 0 {
		send(Event{Op: EvStream, Name: "stdout", Text: string(b)})
	}
}

// flushStdout waits until everything written to standard output so far has
// been forwarded, so an event sent next comes after it.
func flushStdout() {
	if stdoutR == nil {
		return
	}
	flushMu.Lock()
	defer flushMu.Unlock()
	if _, err := stdoutPipe.WriteString(flushMarker); err != nil {
		return
	}
	select {
	case <-flushSeen:
	case <-time.After(5 * time.Second):
	}
}
