package kernel

import (
	"os/signal"
	"syscall"
)

// ignoreInterrupts keeps SIGINT from killing the kernel: interrupts arrive
// as interrupt_request messages (interrupt_mode "message").
func ignoreInterrupts() { signal.Ignore(syscall.SIGINT) }
