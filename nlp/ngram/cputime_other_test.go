//go:build !unix

package ngram

import "time"

// cpuTime is 0 where getrusage is missing: the benchmarks report wall time.
func cpuTime() time.Duration { return 0 }
