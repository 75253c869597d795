package limits

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// unlimited is where a cgroup v1 limit counts as none: the kernel writes
// 2^63-1 rounded down to a page for "no limit".
const unlimited = 1 << 62

// maxFileSize bounds what is read of a /proc or cgroup file.
const maxFileSize = 1 << 20

// A mount is one line of /proc/self/mountinfo, the fields Lingo uses.
type mount struct {
	root, point, fstype string
	opts                []string // super options, e.g. rw, memory
}

// parseMountinfo reads /proc/PID/mountinfo (proc(5)): "36 35 98:0 /root
// /point opts [optional…] - fstype source superopts". Malformed lines are
// skipped.
func parseMountinfo(data []byte) []mount {
	var ms []mount
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxFileSize)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		sep := -1
		for i := 6; i < len(f); i++ {
			if f[i] == "-" {
				sep = i
				break
			}
		}
		if len(f) < 7 || sep < 0 || sep+3 > len(f) {
			continue
		}
		m := mount{root: unescapeOctal(f[3]), point: unescapeOctal(f[4]), fstype: f[sep+1]}
		if sep+3 < len(f) {
			m.opts = strings.Split(f[sep+3], ",")
		}
		if !strings.HasPrefix(m.root, "/") || !strings.HasPrefix(m.point, "/") {
			continue
		}
		ms = append(ms, m)
	}
	return ms
}

// unescapeOctal undoes mountinfo's escapes of space, tab, newline and
// backslash (\040 and so on).
func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// parseProcCgroup reads /proc/PID/cgroup: "ID:controllers:path" lines. It
// returns the path of each controller, with the cgroup v2 path under "".
func parseProcCgroup(data []byte) map[string]string {
	paths := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxFileSize)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), ":", 3)
		if len(f) != 3 || !strings.HasPrefix(f[2], "/") {
			continue
		}
		if f[1] == "" {
			paths[""] = f[2]
			continue
		}
		for _, c := range strings.Split(f[1], ",") {
			paths[c] = f[2]
		}
	}
	return paths
}

// group is one cgroup hierarchy the process is in: the directory of its
// own group and the mount point above which the walk stops.
type group struct {
	dir, top string
	v2       bool
}

// groups finds, for a v1 controller (or "" for the v2 unified hierarchy),
// the process's group. root prefixes every path (tests use a fake tree).
func groups(root string, ms []mount, paths map[string]string, controller string) (group, bool) {
	p, ok := paths[controller]
	if !ok {
		return group{}, false
	}
	for _, m := range ms {
		v2 := m.fstype == "cgroup2"
		if controller == "" && !v2 || controller != "" && (m.fstype != "cgroup" || !hasOpt(m.opts, controller)) {
			continue
		}
		rel := p
		if m.root != "/" {
			r, found := strings.CutPrefix(p, m.root)
			if !found || (r != "" && !strings.HasPrefix(r, "/")) {
				rel = "/" // a group outside this mount's view: the mount's own group
			} else {
				rel = r
			}
		}
		rel = filepath.Clean("/" + rel) // no ".." can climb above the mount
		top := filepath.Join(root, m.point)
		return group{dir: filepath.Join(top, rel), top: top, v2: v2}, true
	}
	return group{}, false
}

func hasOpt(opts []string, o string) bool {
	for _, x := range opts {
		if x == o {
			return true
		}
	}
	return false
}

// walk calls f with each directory from the group's own up to the mount
// point.
func (g group) walk(f func(dir string)) {
	for d := g.dir; ; d = filepath.Dir(d) {
		f(d)
		if d == g.top || !strings.HasPrefix(d, g.top) || filepath.Dir(d) == d {
			return
		}
	}
}

func readSmall(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	b := make([]byte, 256)
	n, _ := f.Read(b)
	return strings.TrimSpace(string(b[:n])), n > 0
}

// fromCgroup reads the limits of the control groups of the process whose
// /proc/self and /sys/fs/cgroup are under root.
func fromCgroup(root string) Limits {
	var l Limits
	mi, err := readProc(filepath.Join(root, "proc", "self", "mountinfo"))
	if err != nil {
		return l
	}
	cg, err := readProc(filepath.Join(root, "proc", "self", "cgroup"))
	if err != nil {
		return l
	}
	ms, paths := parseMountinfo(mi), parseProcCgroup(cg)
	if g, ok := groups(root, ms, paths, ""); ok {
		g.walk(func(d string) {
			if s, ok := readSmall(filepath.Join(d, "memory.max")); ok && s != "max" {
				if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 && (l.Memory == 0 || n < l.Memory) {
					l.Memory, l.MemoryFrom = n, "cgroup v2 memory.max"
				}
			}
			if s, ok := readSmall(filepath.Join(d, "cpu.max")); ok {
				if c := quota(strings.Fields(s)); c > 0 && (l.CPUs == 0 || c < l.CPUs) {
					l.CPUs, l.CPUsFrom = c, "cgroup v2 cpu.max"
				}
			}
		})
	}
	if g, ok := groups(root, ms, paths, "memory"); ok && l.Memory == 0 {
		g.walk(func(d string) {
			if s, ok := readSmall(filepath.Join(d, "memory.limit_in_bytes")); ok {
				if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 && n < unlimited && (l.Memory == 0 || n < l.Memory) {
					l.Memory, l.MemoryFrom = n, "cgroup v1 memory.limit_in_bytes"
				}
			}
		})
	}
	if g, ok := groups(root, ms, paths, "cpu"); ok && l.CPUs == 0 {
		g.walk(func(d string) {
			q, ok1 := readSmall(filepath.Join(d, "cpu.cfs_quota_us"))
			p, ok2 := readSmall(filepath.Join(d, "cpu.cfs_period_us"))
			if ok1 && ok2 {
				if c := quota([]string{q, p}); c > 0 && (l.CPUs == 0 || c < l.CPUs) {
					l.CPUs, l.CPUsFrom = c, "cgroup v1 cpu.cfs_quota_us"
				}
			}
		})
	}
	return l
}

// quota reads a CFS quota and period ("max 100000", "150000 100000", or
// v1's "-1" quota) as a number of cores; 0 means no limit.
func quota(f []string) float64 {
	if len(f) != 2 || f[0] == "max" {
		return 0
	}
	q, err1 := strconv.ParseInt(f[0], 10, 64)
	p, err2 := strconv.ParseInt(f[1], 10, 64)
	if err1 != nil || err2 != nil || q <= 0 || p <= 0 {
		return 0
	}
	return float64(q) / float64(p)
}

func readProc(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxFileSize))
}
