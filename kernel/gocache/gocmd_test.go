package gocache

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary be the GOCACHEPROG of the go commands that
// TestGoCommandUsesSharedCache starts.
func TestMain(m *testing.M) {
	if os.Getenv("LINGO_GOCACHE_TEST_PROG") == "1" {
		err := Serve(os.Stdin, os.Stdout, Config{Own: os.Getenv("GOCACHE"), Shared: filepath.SplitList(os.Getenv("LINGO_GOCACHE_TEST_SHARED"))})
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestGoCommandUsesSharedCache: a build cache filled by the go command
// (GOCACHE=shared, as install.sh --system fills the system's) serves
// another go command through this program: a build with an empty cache of
// its own compiles nothing, and the shared cache is not written. Without
// the shared cache the same build compiles every package.
func TestGoCommandUsesSharedCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Three packages that import nothing outside the module, so that
	// building them from an empty cache is quick.
	write("go.mod", "module example.com/m\n\ngo 1.22\n")
	for _, p := range []struct{ dir, src string }{
		{"a", "package a\n\nfunc A() int { return 1 }\n"},
		{"b", "package b\n\nimport \"example.com/m/a\"\n\nfunc B() int { return a.A() + 1 }\n"},
		{"c", "package c\n\nimport \"example.com/m/b\"\n\nfunc C() int { return b.B() + 1 }\n"},
	} {
		if err := os.Mkdir(filepath.Join(mod, p.dir), 0o755); err != nil {
			t.Fatal(err)
		}
		write(filepath.Join(p.dir, p.dir+".go"), p.src)
	}
	shared := t.TempDir()
	build := func(env ...string) string {
		t.Helper()
		cmd := exec.Command(gobin, "build", "-x", "./...")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GOCACHEPROG=", "GOTOOLCHAIN=local")
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		return string(out)
	}
	compiles := func(out string) int { return strings.Count(out, "/compile ") + strings.Count(out, "/compile\n") }
	if n := compiles(build("GOCACHE=" + shared)); n != 3 {
		t.Fatalf("filling the shared cache compiled %d packages, want 3", n)
	}
	before := listFiles(t, shared)
	prog := "GOCACHEPROG=" + exe
	out := build(prog, "GOCACHE="+t.TempDir(), "LINGO_GOCACHE_TEST_PROG=1", "LINGO_GOCACHE_TEST_SHARED="+shared)
	if n := compiles(out); n != 0 {
		t.Errorf("with the shared cache the build compiled %d packages:\n%s", n, out)
	}
	if after := listFiles(t, shared); after != before {
		t.Errorf("the shared cache was written")
	}
	if n := compiles(build(prog, "GOCACHE="+t.TempDir(), "LINGO_GOCACHE_TEST_PROG=1")); n != 3 {
		t.Errorf("without the shared cache the build compiled %d packages, want all 3", n)
	}
}
