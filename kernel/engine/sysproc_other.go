//go:build !linux

package engine

import "syscall"

// workerSysProcAttr starts the worker in its own process group; it exits
// when its command pipe from the kernel closes, i.e. when the kernel dies.
func workerSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
