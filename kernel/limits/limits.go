package limits

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// Limits is the memory and CPU a worker may use. The zero value means no
// limit of either kind.
type Limits struct {
	// Memory is the number of bytes the worker may use; 0 means no limit.
	Memory int64
	// CPUs is the number of cores the worker may use (1.5 is one and a half
	// cores of time); 0 means no limit.
	CPUs float64
	// MemoryFrom and CPUsFrom say where each limit came from, e.g.
	// "--memory", "cgroup v2 memory.max", "MEM_LIMIT"; empty for no limit.
	MemoryFrom, CPUsFrom string
	// Enforce makes the worker hold itself to Memory (RLIMIT_DATA). Detect
	// sets it when nothing else enforces the memory limit: it was given
	// explicitly or by MEM_LIMIT, not by a control group.
	Enforce bool
}

// WorkerShare is the fraction of the memory limit the worker's garbage
// collector aims to stay under (GOMEMLIMIT). The rest is left for the
// kernel process, the compiler and linker that build cells, and the
// Jupyter server, which share a server's limit with the worker.
const WorkerShare = 0.8

// Detect returns the limits that bind the worker: for memory and for CPU
// separately, the smallest of explicit (from flags; a field left zero is
// not set), the control group's and the MEM_LIMIT/CPU_LIMIT environment
// variables'.
func Detect(explicit Limits) Limits {
	return detect(explicit, "/", os.Getenv)
}

func detect(explicit Limits, root string, getenv func(string) string) Limits {
	l := Limits{}
	mem := func(n int64, from string) {
		if n > 0 && (l.Memory == 0 || n < l.Memory) {
			l.Memory, l.MemoryFrom = n, from
		}
	}
	cpu := func(n float64, from string) {
		if n > 0 && (l.CPUs == 0 || n < l.CPUs) {
			l.CPUs, l.CPUsFrom = n, from
		}
	}
	// The control group first: when the environment says the same, the
	// cgroup is named as the source, because it is what enforces it.
	cg := fromCgroup(root)
	mem(cg.Memory, cg.MemoryFrom)
	cpu(cg.CPUs, cg.CPUsFrom)
	mem(explicit.Memory, nonEmpty(explicit.MemoryFrom, "--memory"))
	cpu(explicit.CPUs, nonEmpty(explicit.CPUsFrom, "--cpus"))
	if v := getenv("MEM_LIMIT"); v != "" {
		if n, err := ParseSize(v); err == nil {
			mem(n, "MEM_LIMIT")
		}
	}
	if v := getenv("CPU_LIMIT"); v != "" {
		if n, err := ParseCPUs(v); err == nil {
			cpu(n, "CPU_LIMIT")
		}
	}
	l.Enforce = l.Memory > 0 && !strings.HasPrefix(l.MemoryFrom, "cgroup")
	return l
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// GoMemLimit is the worker's GOMEMLIMIT in bytes (WorkerShare of Memory),
// or 0 without a memory limit.
func (l Limits) GoMemLimit() int64 {
	if l.Memory <= 0 {
		return 0
	}
	return int64(float64(l.Memory) * WorkerShare)
}

// GoMaxProcs is the worker's GOMAXPROCS: CPUs rounded up, at least 1 and
// at most the number of CPUs this process may run on; 0 without a CPU
// limit.
func (l Limits) GoMaxProcs() int {
	if l.CPUs <= 0 {
		return 0
	}
	n := int(math.Ceil(l.CPUs - 1e-9))
	return max(1, min(n, runtime.NumCPU()))
}

// Env is what to add to the worker's environment: GOMEMLIMIT, GOMAXPROCS
// and, when the limit is to be enforced, the variable that tells the worker
// to set RLIMIT_DATA (see EnforceVar).
func (l Limits) Env() []string {
	var env []string
	if n := l.GoMemLimit(); n > 0 {
		env = append(env, "GOMEMLIMIT="+strconv.FormatInt(n, 10))
	}
	if n := l.GoMaxProcs(); n > 0 {
		env = append(env, "GOMAXPROCS="+strconv.Itoa(n))
	}
	if l.Enforce && l.Memory > 0 {
		env = append(env, EnforceVar+"="+strconv.FormatInt(l.Memory, 10))
	}
	return env
}

// EnforceVar names the environment variable through which the kernel asks
// the worker to limit its own memory to a number of bytes (RLIMIT_DATA).
const EnforceVar = "LINGO_WORKER_MEMORY"

// String describes the limits for people, e.g. "memory 2.0 GiB
// (--memory), 1.5 CPUs (cgroup v2 cpu.max)".
func (l Limits) String() string {
	var parts []string
	if l.Memory > 0 {
		parts = append(parts, fmt.Sprintf("memory %s (%s)", FormatSize(l.Memory), l.MemoryFrom))
	}
	if l.CPUs > 0 {
		parts = append(parts, fmt.Sprintf("%s CPUs (%s)", strconv.FormatFloat(l.CPUs, 'g', 4, 64), l.CPUsFrom))
	}
	if len(parts) == 0 {
		return "no memory or CPU limit"
	}
	return strings.Join(parts, ", ")
}

// FormatSize writes a number of bytes with a binary unit: "512 MiB",
// "2.0 GiB".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

var units = map[string]float64{
	"": 1, "b": 1,
	"k": 1 << 10, "kb": 1 << 10, "ki": 1 << 10, "kib": 1 << 10,
	"m": 1 << 20, "mb": 1 << 20, "mi": 1 << 20, "mib": 1 << 20,
	"g": 1 << 30, "gb": 1 << 30, "gi": 1 << 30, "gib": 1 << 30,
	"t": 1 << 40, "tb": 1 << 40, "ti": 1 << 40, "tib": 1 << 40,
}

// ParseSize reads a memory size: a number of bytes, or a number with a
// unit K, M, G or T (also written KB, KiB, Ki, …; all powers of 1024, as
// JupyterHub's mem_limit and Kubernetes' Mi/Gi read them), e.g. "512M",
// "1.5G", "2Gi", "1073741824".
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	}
	mul, ok := units[unit]
	f, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || num == "" || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) || f*mul >= 1<<62 || f*mul < 1 {
		return 0, fmt.Errorf("limits: a memory size is a positive number of bytes with an optional unit (512M, 1.5G, 2Gi), got %q", s)
	}
	return int64(f * mul), nil
}

// ParseCPUs reads a number of cores: "2", "1.5", or Kubernetes millicores
// "500m".
func ParseCPUs(s string) (float64, error) {
	t := strings.TrimSpace(s)
	div := 1.0
	if strings.HasSuffix(t, "m") {
		t, div = strings.TrimSuffix(t, "m"), 1000
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) || f/div > 1<<16 || f/div < 0.001 {
		return 0, fmt.Errorf("limits: a CPU limit is a positive number of cores (2, 1.5, 500m), got %q", s)
	}
	return f / div, nil
}
