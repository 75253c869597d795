package worker

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
)

// dupTo points a descriptor at another file, as captureStdout does with
// file descriptor 1, and leaves a descriptor duplicated onto itself alone.
func TestDupTo(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	fd := int(null.Fd())
	if err := dupTo(int(w.Fd()), fd); err != nil {
		t.Fatalf("dupTo: %v", err)
	}
	if _, err := syscall.Write(fd, []byte("hi")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 2)
	if _, err := r.Read(buf); err != nil || string(buf) != "hi" {
		t.Fatalf("read %q, %v through the pipe; want what was written to the duplicate", buf, err)
	}
	if err := dupTo(fd, fd); err != nil {
		t.Errorf("dupTo(fd, fd) = %v, want nil (dup2 semantics)", err)
	}
}

// The worker builds for every platform the kernel supports: Linux on
// arm64 has no dup2 system call (syscall.Dup2 is undefined there), which
// broke its build.
func TestWorkerBuildsEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the package")
	}
	for _, target := range []struct{ os, arch string }{{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "amd64"}, {"darwin", "arm64"}} {
		if target.os == runtime.GOOS && target.arch == runtime.GOARCH {
			continue
		}
		cmd := exec.Command("go", "build", "-o", os.DevNull, ".")
		cmd.Env = append(os.Environ(), "GOOS="+target.os, "GOARCH="+target.arch)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("GOOS=%s GOARCH=%s go build: %v\n%s", target.os, target.arch, err, out)
		}
	}
}
