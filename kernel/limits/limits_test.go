package limits

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	// Units are powers of 1024, as JupyterHub's mem_limit ("1G") and
	// Kubernetes' "Gi" read them.
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"1073741824", 1 << 30},
		{"512M", 512 << 20},
		{"512MiB", 512 << 20},
		{"512mi", 512 << 20},
		{"1.5G", 3 << 29},
		{"2Gi", 2 << 30},
		{" 64 k ", 64 << 10},
		{"1T", 1 << 40},
		{"100B", 100},
	} {
		got, err := ParseSize(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "M", "-1G", "0", "0.1", "1e9", "0x10", "1.2.3G", "1Q", "NaN", "Inf", "9999999T", "1G extra"} {
		if n, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", bad, n)
		} else if !strings.HasPrefix(err.Error(), "limits: ") || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseSize(%q): error %q should have the package prefix and name the value", bad, err)
		}
	}
}

func TestParseCPUs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{{"2", 2}, {"1.5", 1.5}, {"500m", 0.5}, {" 0.25 ", 0.25}} {
		got, err := ParseCPUs(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseCPUs(%q) = %g, %v; want %g", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "m", "abc", "NaN", "Inf", "1e9", "0.0001"} {
		if _, err := ParseCPUs(bad); err == nil {
			t.Errorf("ParseCPUs(%q): want an error", bad)
		}
	}
}

func TestDetectTakesTheSmallest(t *testing.T) {
	root := fakeV2(t, "/user.slice/u1", map[string]string{
		"/user.slice/memory.max":    "2147483648", // 2 GiB binds the children
		"/user.slice/u1/memory.max": "max",
		"/user.slice/u1/cpu.max":    "150000 100000",
	})
	env := map[string]string{"MEM_LIMIT": "1073741824", "CPU_LIMIT": "4"}
	l := detect(Limits{}, root, func(k string) string { return env[k] })
	if l.Memory != 1<<30 || l.MemoryFrom != "MEM_LIMIT" || !l.Enforce {
		t.Errorf("memory: got %d from %q (enforce %v), want MEM_LIMIT's 1 GiB, enforced by the worker", l.Memory, l.MemoryFrom, l.Enforce)
	}
	if l.CPUs != 1.5 || l.CPUsFrom != "cgroup v2 cpu.max" {
		t.Errorf("CPUs: got %g from %q, want the cgroup's 1.5", l.CPUs, l.CPUsFrom)
	}
	l = detect(Limits{Memory: 512 << 20}, root, func(string) string { return "" })
	if l.Memory != 512<<20 || l.MemoryFrom != "--memory" || !l.Enforce {
		t.Errorf("explicit: got %+v", l)
	}
	l = detect(Limits{Memory: 4 << 30}, root, func(string) string { return "" })
	if l.Memory != 2<<30 || l.MemoryFrom != "cgroup v2 memory.max" || l.Enforce {
		t.Errorf("cgroup smaller than the flag: got %+v, want the cgroup's 2 GiB, not enforced by the worker", l)
	}
	// The same limit from the environment and the cgroup (KubeSpawner sets
	// both): the cgroup enforces it.
	env = map[string]string{"MEM_LIMIT": "2G"}
	l = detect(Limits{}, root, func(k string) string { return env[k] })
	if l.MemoryFrom != "cgroup v2 memory.max" || l.Enforce {
		t.Errorf("equal limits: got %+v", l)
	}
	// Bad environment values are ignored, not fatal.
	env = map[string]string{"MEM_LIMIT": "lots", "CPU_LIMIT": "-2"}
	l = detect(Limits{}, t.TempDir(), func(k string) string { return env[k] })
	if l != (Limits{}) {
		t.Errorf("bad environment: got %+v, want no limits", l)
	}
}

func TestEnv(t *testing.T) {
	l := Limits{Memory: 1000 << 20, MemoryFrom: "--memory", CPUs: 1.5, CPUsFrom: "--cpus", Enforce: true}
	env := l.Env()
	want := []string{"GOMEMLIMIT=838860800", "GOMAXPROCS=2", EnforceVar + "=1048576000"} // 0.8 × 1000 MiB; ceil(1.5)
	if runtime.NumCPU() < 2 {
		want[1] = "GOMAXPROCS=1"
	}
	if !slices.Equal(env, want) {
		t.Errorf("Env() = %q, want %q", env, want)
	}
	if got := (Limits{}).Env(); len(got) != 0 {
		t.Errorf("no limits: Env() = %q", got)
	}
	if got := (Limits{CPUs: 0.25, CPUsFrom: "x"}).GoMaxProcs(); got != 1 {
		t.Errorf("a quarter core: GOMAXPROCS %d, want 1", got)
	}
	if got := (Limits{CPUs: 1e4, CPUsFrom: "x"}).GoMaxProcs(); got != runtime.NumCPU() {
		t.Errorf("more CPUs than the machine: GOMAXPROCS %d, want NumCPU %d", got, runtime.NumCPU())
	}
	if s := l.String(); s != "memory 1000 MiB (--memory), 1.5 CPUs (--cpus)" {
		t.Errorf("String() = %q", s)
	}
	if s := (Limits{}).String(); s != "no memory or CPU limit" {
		t.Errorf("String() = %q", s)
	}
}

func TestOutOfMemory(t *testing.T) {
	// The first two are what Go 1.26 printed when an allocation went past
	// RLIMIT_DATA (prlimit --data) in a test program on this machine.
	for _, s := range []string{
		"alloc 350 MB\nfatal error: out of memory allocating heap arena metadata\n\nruntime stack:",
		"fatal error: runtime: out of memory\n",
		"runtime: out of memory: cannot allocate 1073741824-byte block (3997696 in use)\nfatal error: out of memory",
	} {
		if !OutOfMemory(s) {
			t.Errorf("OutOfMemory(%q) = false", s)
		}
	}
	for _, s := range []string{"", "panic: out of memory (a user's own message)", "fatal error: all goroutines are asleep - deadlock!"} {
		if OutOfMemory(s) {
			t.Errorf("OutOfMemory(%q) = true", s)
		}
	}
}
