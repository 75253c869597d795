package worker

import "syscall"

// dupTo makes file descriptor newfd a copy of oldfd, closing what newfd
// was, like dup2(2). Linux on arm64 and riscv64 has no dup2 system call
// (syscall.Dup2 is undefined there), so it uses dup3, which every Linux
// has; dup3 refuses equal descriptors, where dup2 does nothing.
func dupTo(oldfd, newfd int) error {
	if oldfd == newfd {
		return nil
	}
	return syscall.Dup3(oldfd, newfd, 0)
}
