package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// toolchain is what the kernel needs to know about the Go toolchain.
type toolchain struct{ goroot, goos, goarch, goversion string }

// lookupToolchain asks go env about the toolchain that builds cells in the
// session module dir. The answer is cached per go binary, toolchain
// settings and Lingo go.mod (which may name a toolchain), so a kernel
// usually starts without running the go command.
func lookupToolchain(dir string, env []string, gomod []byte) (toolchain, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return toolchain{}, fmt.Errorf("lingo: %w", err)
	}
	h := sha256.New()
	fmt.Fprintln(h, gobin, os.Getenv("GOROOT"), os.Getenv("GOTOOLCHAIN"), os.Getenv("GOENV"))
	if fi, err := os.Stat(gobin); err == nil {
		fmt.Fprintln(h, fi.Size(), fi.ModTime().UnixNano())
	}
	h.Write(gomod)
	cacheDir, err := CacheDir()
	if err != nil {
		return toolchain{}, err
	}
	cache := filepath.Join(cacheDir, "goenv-"+hex.EncodeToString(h.Sum(nil))[:16])
	// The answer names the GOROOT whose tools run: only a file of the
	// user's own is believed.
	if b, err := os.ReadFile(cache); err == nil && CheckPrivate(cache) == nil {
		if f := strings.Fields(string(b)); len(f) == 4 {
			if _, err := os.Stat(f[0]); err == nil {
				return toolchain{f[0], f[1], f[2], f[3]}, nil
			}
		}
	}
	cmd := exec.Command(gobin, "env", "GOROOT", "GOOS", "GOARCH", "GOVERSION")
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return toolchain{}, fmt.Errorf("lingo: go env: %w", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 4 {
		return toolchain{}, fmt.Errorf("lingo: unexpected go env output %q", out)
	}
	_ = os.WriteFile(cache, []byte(strings.Join(f, "\n")+"\n"), 0o600)
	return toolchain{f[0], f[1], f[2], f[3]}, nil
}
