package engine

import "syscall"

// workerSysProcAttr starts the worker in its own process group and has
// Linux kill it when the kernel dies, even by SIGKILL (the worker also
// exits when its command pipe from the kernel closes).
func workerSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
