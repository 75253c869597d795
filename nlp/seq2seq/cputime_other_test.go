//go:build !unix

package seq2seq

import "time"

const (
	self     = 0
	children = -1
)

// cpuTime is 0 where getrusage is missing: the runs report wall time.
func cpuTime(who int) time.Duration { return 0 }
