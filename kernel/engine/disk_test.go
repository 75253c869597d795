package engine

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// dirSize is the number of bytes in the files under dir.
func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A loaded cell's plugin file is deleted (the worker keeps it mapped), a
// cell run again still runs, and a session's directory grows by less than
// 0.5 MB per cell (the target of issue #27; each plugin was ≈ 4 MB before).
func TestPluginFileRemovedOnceLoaded(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, `diskBase := 40`)
	before := dirSize(t, e.Dir())
	const cells = 5
	for i := range cells {
		r := mustRun(t, e, `fmt.Println(diskBase + `+strconv.Itoa(i)+`)`)
		if got, want := r.stdout.String(), strconv.Itoa(40+i)+"\n"; got != want {
			t.Fatalf("cell %d printed %q, want %q", i, got, want)
		}
		left, err := filepath.Glob(filepath.Join(e.Dir(), "plugins", "*"))
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 0 {
			t.Fatalf("after cell %d the plugins directory still holds %v", i, left)
		}
	}
	grown := dirSize(t, e.Dir()) - before
	t.Logf("session directory grew by %d bytes over %d cells", grown, cells)
	if grown > cells*512<<10 {
		t.Errorf("session directory grew by %d bytes over %d cells, want < 512 KiB per cell", grown, cells)
	}
	// The same cell again: its plugin file is gone, but the worker has it.
	r := mustRun(t, e, `fmt.Println(diskBase + 0)`)
	if got := r.stdout.String(); got != "40\n" {
		t.Fatalf("cell run again printed %q, want %q", got, "40\n")
	}
	if _, err := os.Stat(filepath.Join(e.Dir(), "plugins")); err != nil {
		t.Fatal(err)
	}
}
