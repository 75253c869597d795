package engine

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// A session whose kernel died is reaped even when its pid file names a
// running process (a dead kernel's process id is reused), and a session
// whose kernel runs is kept even when its pid file is wrong.
func TestDeadSessionReapedDespitePidReuse(t *testing.T) {
	base := t.TempDir()
	mk := func(name string) string {
		d := filepath.Join(base, name)
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		// The pid of a process that certainly runs: this test.
		if err := os.WriteFile(filepath.Join(d, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
			t.Fatal(err)
		}
		return d
	}
	dead := mk("s-dead")
	// The dead kernel held its lock; the lock went with the process.
	l, err := lockSession(dead)
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	live := mk("s-live")
	l, err = lockSession(live)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	removeStaleSessions(base)
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the dead kernel's session %s was kept (stat: %v)", dead, err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the running kernel's session was removed: %v", err)
	}
}

// A second kernel cannot take a running session's lock.
func TestSessionLockIsExclusive(t *testing.T) {
	d := t.TempDir()
	l, err := lockSession(d)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l2, err := lockSession(d); err == nil {
		l2.Close()
		t.Fatal("a held session lock was taken again")
	}
}

// Old worker builds go, except the most recently used ones and those of
// running sessions (however old); a build killed half-way goes after an
// hour.
func TestPruneWorkers(t *testing.T) {
	dir, sessions := t.TempDir(), t.TempDir()
	now := time.Now()
	ages := map[string]time.Duration{
		"shared-a":      0,
		"worker-b":      time.Hour,
		"shared-c":      2 * time.Hour,
		"shared-d":      5 * time.Hour,
		"worker-e":      3 * 24 * time.Hour, // a running session uses it
		"shared-f":      4 * 24 * time.Hour, // a dead session used it
		"shared-tmp-g":  2 * time.Hour,
		"shared-tmp-h":  time.Minute, // a build in progress
		"other-entry-i": 9 * 24 * time.Hour,
	}
	for name, age := range ages {
		p := filepath.Join(dir, name)
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	session := func(name, build string, alive bool) {
		s := filepath.Join(sessions, name)
		if err := os.Mkdir(s, 0o700); err != nil {
			t.Fatal(err)
		}
		l, err := lockSession(s)
		if err != nil {
			t.Fatal(err)
		}
		if alive {
			t.Cleanup(func() { l.Close() })
		} else {
			l.Close()
		}
		if err := os.WriteFile(filepath.Join(s, sessionWorkerFile), []byte(filepath.Join(dir, build)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	session("s-running", "worker-e", true)
	session("s-dead", "shared-f", false)
	pruneWorkers(dir, sessions)
	want := map[string]bool{"shared-a": true, "worker-b": true, "shared-c": true, "worker-e": true,
		"shared-tmp-h": true, "other-entry-i": true}
	for name := range ages {
		_, err := os.Stat(filepath.Join(dir, name))
		if kept := err == nil; kept != want[name] {
			t.Errorf("%s: kept = %v, want %v", name, kept, want[name])
		}
	}
}
