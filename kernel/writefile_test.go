package kernel

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func names(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range es {
		n = append(n, e.Name())
	}
	sort.Strings(n)
	return strings.Join(n, " ")
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWriteFile(t *testing.T) {
	t.Run("new file", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "nb.ipynb")
		if err := writeFile(p, writeString("new")); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != "new" || names(t, dir) != "nb.ipynb" {
			t.Fatalf("content %q, directory %q", b, names(t, dir))
		}
	})
	t.Run("keeps mode", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "nb.ipynb")
		os.WriteFile(p, []byte("old"), 0o600)
		os.Chmod(p, 0o604)
		if err := writeFile(p, writeString("new")); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o604 {
			t.Fatalf("mode %v, want 0604", fi.Mode().Perm())
		}
	})
	t.Run("through a symlink", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "real"), []byte("old"), 0o644)
		link := filepath.Join(dir, "link")
		os.Symlink("real", link)
		if err := writeFile(link, writeString("new")); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Lstat(link)
		b, _ := os.ReadFile(filepath.Join(dir, "real"))
		if fi.Mode()&os.ModeSymlink == 0 || string(b) != "new" {
			t.Fatalf("link mode %v, target %q", fi.Mode(), b)
		}
	})
	t.Run("planted tmp link", func(t *testing.T) {
		dir := t.TempDir()
		victim := filepath.Join(t.TempDir(), "victim")
		os.WriteFile(victim, []byte("precious"), 0o644)
		p := filepath.Join(dir, "nb.ipynb")
		os.Symlink(victim, p+".tmp")
		if err := writeFile(p, writeString("new")); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(victim); string(b) != "precious" {
			t.Fatal("wrote through the planted link")
		}
		if got := names(t, dir); got != "nb.ipynb nb.ipynb.tmp" {
			t.Fatalf("directory %q", got)
		}
	})
	t.Run("refusals leave nothing", func(t *testing.T) {
		dir := t.TempDir()
		os.Mkdir(filepath.Join(dir, "sub"), 0o755)
		os.Symlink("missing", filepath.Join(dir, "dangling"))
		for _, name := range []string{"sub", "dangling"} {
			if err := writeFile(filepath.Join(dir, name), writeString("x")); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
		boom := errors.New("boom")
		if err := writeFile(filepath.Join(dir, "nb.ipynb"), func(io.Writer) error { return boom }); !errors.Is(err, boom) {
			t.Errorf("a failing writer: %v", err)
		}
		if got := names(t, dir); got != "dangling sub" {
			t.Fatalf("directory %q", got)
		}
	})
}
