//go:build unix

package plots

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// openFIFO opens a named pipe without blocking forever: opening a FIFO for
// writing fails with ENXIO until a reader has it open, so it retries until
// the timeout; a non-blocking file also lets reads take deadlines.
func openFIFO(path string, write bool, timeout time.Duration) (*os.File, error) {
	flag := os.O_RDONLY
	if write {
		flag = os.O_WRONLY
	}
	deadline := time.Now().Add(timeout)
	for {
		f, err := os.OpenFile(path, flag|syscall.O_NONBLOCK, 0)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.ENXIO) || time.Now().After(deadline) {
			return nil, fmt.Errorf("%w (is GoNB still running?)", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
