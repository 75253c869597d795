package engine

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The linker patches apply, each exactly once, to the installed toolchain's
// cmd/link; when the source differs (another Go release), the patch is
// refused with the file named, and no patched linker is built.
func TestLinkerPatchesCheckTheSource(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	goroot := strings.TrimSpace(string(out))
	if _, _, err := patchLinkerSource(goroot, runtime.Version()); err != nil {
		t.Fatalf("the linker patches do not apply to %s at %s: %v", runtime.Version(), goroot, err)
	}
	// A copy of the edited files in which one patched line differs.
	src := filepath.Join(goroot, "src", "cmd", "link", "internal", "ld")
	fake := t.TempDir()
	dst := filepath.Join(fake, "src", "cmd", "link", "internal", "ld")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range linkerPatches {
		b, err := os.ReadFile(filepath.Join(src, p.file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, p.file), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := patchLinkerSource(fake, "go-fake"); err != nil {
		t.Fatalf("an exact copy of the source was refused: %v", err)
	}
	p := linkerPatches[0]
	b, _ := os.ReadFile(filepath.Join(dst, p.file))
	changed := strings.Replace(string(b), p.old, strings.Replace(p.old, "\t\t", "\t\t// changed upstream\n\t\t", 1), 1)
	if changed == string(b) {
		t.Fatal("the test did not change the source")
	}
	if err := os.WriteFile(filepath.Join(dst, p.file), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = patchLinkerSource(fake, "go-fake")
	if err == nil || !strings.Contains(err.Error(), "linker patch for "+p.file+" does not apply to go-fake") {
		t.Fatalf("a changed source was not refused: %v", err)
	}
	if _, err := patchedLinker(fake, "go-fake", os.Environ()); err == nil {
		t.Fatal("patchedLinker built a linker from a source its patches do not fit")
	}
	// Text found twice is refused too: the edit would be ambiguous.
	if err := os.WriteFile(filepath.Join(dst, p.file), append(b, []byte("\n/*\n"+p.old+"\n*/\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := patchLinkerSource(fake, "go-fake"); err == nil || !strings.Contains(err.Error(), "found 2 times") {
		t.Fatalf("a patch whose text is found twice was not refused: %v", err)
	}
}

// When the linker patch does not apply (here: a patch whose text is in no
// Go release), a new session falls back to static plugins by itself: its
// cells run, LinkMode says why, and the user is told once per process.
func TestSessionFallsBackToStaticPlugins(t *testing.T) {
	if !sharedWanted() {
		t.Skip("shared libraries are not used here (LINGO_SHARED=0 or not linux/amd64)")
	}
	if sharedEngine != nil {
		<-sharedEngine.ready // it reads linkerPatches while it starts
	}
	saved := linkerPatches
	linkerPatches = append(append([]linkerPatch(nil), saved...), linkerPatch{file: "ld.go", old: "text in no Go release", new: "x"})
	savedNotice := staticNotice
	var mu sync.Mutex
	var notes []string
	staticNotice = func(s string) {
		mu.Lock()
		notes = append(notes, s)
		mu.Unlock()
	}
	staticOnce = sync.Once{}
	defer func() { linkerPatches, staticNotice, staticOnce = saved, savedNotice, sync.Once{} }()

	for i := 0; i < 2; i++ {
		e, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		r := mustRun(t, e, `fmt.Println(6 * 7)`)
		if got := r.stdout.String(); got != "42\n" {
			t.Errorf("session %d: cell printed %q, want 42", i, got)
		}
		mustRun(t, e, "func twice(x int) int { return 2 * x }")
		if got := mustRun(t, e, "fmt.Println(twice(21))").stdout.String(); got != "42\n" {
			t.Errorf("session %d: twice(21) printed %q", i, got)
		}
		mode := e.LinkMode()
		e.Close()
		if !strings.HasPrefix(mode, "static plugins: ") || !strings.Contains(mode, "linker patch for ld.go does not apply") {
			t.Errorf("session %d: LinkMode = %q, want static plugins and the patch that failed", i, mode)
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "static plugins") || !strings.Contains(notes[0], "does not apply") {
		t.Errorf("notes to the user over two sessions: %q; want one that says static plugins and why", notes)
	}
}

// A shared worker that is built but does not start (here: a hook fails its
// start) is replaced by the static worker before the first cell runs.
func TestSharedWorkerThatDoesNotStartFallsBack(t *testing.T) {
	if !sharedWanted() {
		t.Skip("shared libraries are not used here (LINGO_SHARED=0 or not linux/amd64)")
	}
	if sharedEngine != nil {
		<-sharedEngine.ready
	}
	savedNotice := staticNotice
	var notes []string
	staticNotice = func(s string) { notes = append(notes, s) } // called before e.ready is closed
	staticOnce = sync.Once{}
	sharedStartHook = func() error { return errors.New("simulated dlopen failure") }
	defer func() { staticNotice, staticOnce, sharedStartHook = savedNotice, sync.Once{}, nil }()

	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	mustRun(t, e, `import "github.com/lingo-nlp/lingo/nlp/text"`)
	if got := mustRun(t, e, `fmt.Println(len(text.Words("Good pandas eat bamboo")))`).stdout.String(); got != "4\n" {
		t.Errorf("cell printed %q, want 4", got)
	}
	if mode := e.LinkMode(); !strings.HasPrefix(mode, "static plugins: the shared worker does not start: simulated dlopen failure") {
		t.Errorf("LinkMode = %q", mode)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "simulated dlopen failure") {
		t.Errorf("notes: %q", notes)
	}
}
