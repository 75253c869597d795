package kernel

import (
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// stopWhenOrphaned calls stop when the process that started the kernel
// goes away, or on SIGTERM or SIGHUP, so that a front end killed with
// SIGKILL does not leave the kernel and its worker running forever.
//
// The parent is $JPY_PARENT_PID, which jupyter_client (and lingo run) set
// to their own pid; like ipykernel, the kernel polls it every second. When
// it is the kernel's direct parent, a change of os.Getppid() means it died
// (the kernel was re-parented); otherwise the pid is probed with signal 0.
// A second SIGTERM or SIGHUP kills the kernel at once.
func stopWhenOrphaned(stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-sigs
		signal.Reset(syscall.SIGTERM, syscall.SIGHUP)
		stop()
	}()
	pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || pid <= 1 {
		return // PID 1 never goes away, it is only inherited
	}
	direct := os.Getppid() == pid
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if parentGone(pid, direct) {
				stop()
				return
			}
		}
	}()
}

func parentGone(pid int, direct bool) bool {
	if direct {
		return os.Getppid() != pid
	}
	return syscall.Kill(pid, 0) == syscall.ESRCH
}
