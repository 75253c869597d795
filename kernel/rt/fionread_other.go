//go:build !linux

package rt

// pipeUnread is not known on this system; flushStdout then returns at once.
func pipeUnread(fd int) (int, error) { return 0, nil }
