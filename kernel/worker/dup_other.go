//go:build !linux

package worker

import "syscall"

// dupTo makes file descriptor newfd a copy of oldfd, closing what newfd
// was (dup2(2)).
func dupTo(oldfd, newfd int) error { return syscall.Dup2(oldfd, newfd) }
