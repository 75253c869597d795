//go:build unix

package seq2seq

import (
	"syscall"
	"time"
)

const (
	self     = syscall.RUSAGE_SELF
	children = syscall.RUSAGE_CHILDREN
)

// cpuTime is the user+system CPU time of this process (who = self) or of
// its finished children (children).
func cpuTime(who int) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
