package rt

import (
	"syscall"
	"unsafe"
)

// pipeUnread returns the number of bytes waiting in the pipe fd.
func pipeUnread(fd int) (int, error) {
	var n int32
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), uintptr(syscall.TIOCINQ), uintptr(unsafe.Pointer(&n)))
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
