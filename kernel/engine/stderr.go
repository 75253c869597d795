package engine

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/worker"
)

func (w *workerProc) readStderr(stderr interface{ Read([]byte) (int, error) }) {
	buf := make([]byte, 32<<10)
	var pending []byte // read but not yet shown: may hold the start of a marker
	var held strings.Builder
	lineStart := true
	for {
		n, err := stderr.Read(buf)
		if n > 0 || (err != nil && len(pending) > 0) {
			w.stderrMu.Lock()
			w.stderrBuf = append(w.stderrBuf, buf[:n]...)
			if len(w.stderrBuf) > 64<<10 {
				w.stderrBuf = w.stderrBuf[len(w.stderrBuf)-64<<10:]
			}
			w.stderrMu.Unlock()
			pending = append(pending, buf[:n]...)
			var text string
			var marks int
			text, pending, marks = splitStderr(pending, err != nil)
			// The report of a fatal error is held back: if the worker
			// dies, restartAfterCrash sums it up; if it was only text and
			// the cell ends, it is shown then.
			show := text
			if held.Len() > 0 {
				held.WriteString(text)
				show = ""
			} else if i := crashStart(text, lineStart); i >= 0 {
				held.WriteString(text[i:])
				show = text[:i]
			}
			if text != "" {
				lineStart = strings.HasSuffix(text, "\n")
			}
			if marks > 0 && held.Len() > 0 {
				show += held.String()
				held.Reset()
			}
			if show != "" {
				w.outMu.Lock()
				if w.out != nil {
					w.out.Stream("stderr", cell.CleanNames(show))
				}
				w.outMu.Unlock()
			}
			for ; marks > 0; marks-- {
				select {
				case w.stderrDone <- struct{}{}:
				default:
				}
			}
		}
		if err != nil {
			break
		}
	}
	_ = w.cmd.Wait()
	close(w.exited)
}

// splitStderr takes the worker's standard error read so far and returns the
// text to show, the bytes to keep for the next read (a possible start of a
// marker, or of a UTF-8 sequence) and how many markers it removed. At the
// end of the stream nothing is kept.
func splitStderr(b []byte, end bool) (text string, rest []byte, marks int) {
	var sb strings.Builder
	for {
		i := bytes.Index(b, []byte(worker.StderrMarker))
		if i < 0 {
			break
		}
		sb.Write(b[:i])
		b = b[i+len(worker.StderrMarker):]
		marks++
	}
	keep := 0
	if !end {
		for k := min(len(worker.StderrMarker)-1, len(b)); k > 0; k-- {
			if bytes.HasSuffix(b, []byte(worker.StderrMarker[:k])) {
				keep = k
				break
			}
		}
		if keep == 0 { // hold back a rune cut in two by the read
			for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
				if utf8.RuneStart(b[i]) {
					if !utf8.FullRune(b[i:]) {
						keep = len(b) - i
					}
					break
				}
			}
		}
	}
	sb.Write(b[:len(b)-keep])
	return sb.String(), append([]byte(nil), b[len(b)-keep:]...), marks
}
