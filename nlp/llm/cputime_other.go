//go:build !unix

package llm

import "time"

// processCPU is 0 where the process's CPU time is not measured (Windows
// and other systems without getrusage): SpeedUp's tables then show "—".
func processCPU() time.Duration { return 0 }
