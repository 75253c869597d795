package limits

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
)

// OOMKills returns how many processes the kernel's OOM killer has killed in
// this process's memory control group (cgroup v2 memory.events, v1
// memory.oom_control: "oom_kill N"), and false when the count cannot be
// read. Compare the counts before and after a worker dies to tell whether
// the memory limit killed it.
func OOMKills() (int64, bool) { return oomKills("/") }

func oomKills(root string) (int64, bool) {
	mi, err := readProc(filepath.Join(root, "proc", "self", "mountinfo"))
	if err != nil {
		return 0, false
	}
	cg, err := readProc(filepath.Join(root, "proc", "self", "cgroup"))
	if err != nil {
		return 0, false
	}
	ms, paths := parseMountinfo(mi), parseProcCgroup(cg)
	if g, ok := groups(root, ms, paths, ""); ok {
		if b, err := readProc(filepath.Join(g.dir, "memory.events")); err == nil {
			if n, ok := field(b, "oom_kill"); ok {
				return n, true
			}
		}
	}
	if g, ok := groups(root, ms, paths, "memory"); ok {
		if b, err := readProc(filepath.Join(g.dir, "memory.oom_control")); err == nil {
			if n, ok := field(b, "oom_kill"); ok {
				return n, true
			}
		}
	}
	return 0, false
}

// field finds "name N" among the lines of a cgroup key-value file.
func field(b []byte, name string) (int64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] == name {
			n, err := strconv.ParseInt(f[1], 10, 64)
			return n, err == nil && n >= 0
		}
	}
	return 0, false
}

// OutOfMemory reports whether a dead worker's standard error shows that the
// Go runtime could not get memory (which is how an allocation past
// RLIMIT_DATA ends): "fatal error: runtime: out of memory", "fatal error:
// out of memory allocating heap arena metadata" and the like.
func OutOfMemory(stderr string) bool {
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "fatal error:") && strings.Contains(line, "out of memory") {
			return true
		}
		if strings.HasPrefix(line, "runtime: out of memory") {
			return true
		}
	}
	return false
}
