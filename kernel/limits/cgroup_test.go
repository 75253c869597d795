package limits

import (
	"os"
	"path/filepath"
	"testing"
)

// write creates root/path with content.
func write(t *testing.T, root, path, content string) {
	t.Helper()
	p := filepath.Join(root, path)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeV2 makes a tree with a cgroup v2 hierarchy at /sys/fs/cgroup, the
// process in group, and the files given (paths relative to the mount).
func fakeV2(t *testing.T, group string, files map[string]string) string {
	root := t.TempDir()
	write(t, root, "proc/self/mountinfo",
		"22 1 0:21 / /proc rw,nosuid - proc proc rw\n"+
			"30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n")
	write(t, root, "proc/self/cgroup", "0::"+group+"\n")
	for p, c := range files {
		write(t, root, filepath.Join("sys/fs/cgroup", p), c)
	}
	return root
}

func TestCgroupV2(t *testing.T) {
	root := fakeV2(t, "/kubepods/pod1/c1", map[string]string{
		"/kubepods/memory.max":            "8589934592",
		"/kubepods/pod1/memory.max":       "1073741824\n",
		"/kubepods/pod1/c1/memory.max":    "max\n",
		"/kubepods/pod1/c1/cpu.max":       "max 100000\n",
		"/kubepods/pod1/cpu.max":          "50000 100000\n",
		"/kubepods/pod1/memory.events":    "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n",
		"/kubepods/pod1/c1/memory.events": "low 0\nhigh 0\nmax 3\noom 2\noom_kill 2\noom_group_kill 0\n",
	})
	l := fromCgroup(root)
	if l.Memory != 1<<30 || l.MemoryFrom != "cgroup v2 memory.max" || l.CPUs != 0.5 || l.CPUsFrom != "cgroup v2 cpu.max" {
		t.Errorf("got %+v, want 1 GiB and half a core from the pod's group", l)
	}
	if n, ok := oomKills(root); !ok || n != 2 {
		t.Errorf("oomKills = %d, %v; want the group's own 2", n, ok)
	}
}

// TestCgroupV1Hybrid is this machine's layout (Debian 12 in a VM): v1
// controllers each mounted under /sys/fs/cgroup, an empty v2 hierarchy at
// /sys/fs/cgroup/unified, and the process in a v1 memory group.
func TestCgroupV1Hybrid(t *testing.T) {
	root := t.TempDir()
	write(t, root, "proc/self/mountinfo", ""+
		"31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"+
		"32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"+
		"33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"+
		"35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"+
		"41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n")
	write(t, root, "proc/self/cgroup", "9:name=systemd:/\n4:memory:/hub/u1\n2:cpuacct:/\n1:cpu:/hub\n0::/\n")
	write(t, root, "sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n")
	write(t, root, "sys/fs/cgroup/memory/hub/memory.limit_in_bytes", "9223372036854771712\n")
	write(t, root, "sys/fs/cgroup/memory/hub/u1/memory.limit_in_bytes", "536870912\n")
	write(t, root, "sys/fs/cgroup/memory/hub/u1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 4\n")
	write(t, root, "sys/fs/cgroup/cpu/hub/cpu.cfs_quota_us", "200000\n")
	write(t, root, "sys/fs/cgroup/cpu/hub/cpu.cfs_period_us", "100000\n")
	write(t, root, "sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n")
	write(t, root, "sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n")
	l := fromCgroup(root)
	if l.Memory != 512<<20 || l.MemoryFrom != "cgroup v1 memory.limit_in_bytes" || l.CPUs != 2 || l.CPUsFrom != "cgroup v1 cpu.cfs_quota_us" {
		t.Errorf("got %+v, want 512 MiB and 2 cores", l)
	}
	if n, ok := oomKills(root); !ok || n != 4 {
		t.Errorf("oomKills = %d, %v; want 4", n, ok)
	}
}

// TestCgroupV1Container: a container without a cgroup namespace sees its
// group's path (/docker/abc) both in /proc/self/cgroup and as the root of
// the mount, whose mount point is the group's directory.
func TestCgroupV1Container(t *testing.T) {
	root := t.TempDir()
	write(t, root, "proc/self/mountinfo",
		"35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n"+
			"36 31 0:33 /docker/abc /sys/fs/cgroup/cpu,cpuacct ro,nosuid - cgroup cgroup rw,cpu,cpuacct\n")
	write(t, root, "proc/self/cgroup", "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n")
	write(t, root, "sys/fs/cgroup/memory/memory.limit_in_bytes", "2147483648\n")
	write(t, root, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "150000\n")
	write(t, root, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n")
	l := fromCgroup(root)
	if l.Memory != 2<<30 || l.CPUs != 1.5 {
		t.Errorf("got %+v, want 2 GiB and 1.5 cores", l)
	}
}

func TestCgroupNone(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"no proc":          {},
		"no cgroup mount":  {"proc/self/mountinfo": "22 1 0:21 / /proc rw - proc proc rw\n", "proc/self/cgroup": "0::/\n"},
		"unlimited":        {"proc/self/mountinfo": "30 22 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "proc/self/cgroup": "0::/a\n", "sys/fs/cgroup/a/memory.max": "max\n", "sys/fs/cgroup/a/cpu.max": "max 100000\n"},
		"garbage values":   {"proc/self/mountinfo": "30 22 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "proc/self/cgroup": "0::/a\n", "sys/fs/cgroup/a/memory.max": "-5\n", "sys/fs/cgroup/a/cpu.max": "0 0\n"},
		"climbing out":     {"proc/self/mountinfo": "30 22 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "proc/self/cgroup": "0::/../../../etc\n", "etc/memory.max": "1024\n"},
		"truncated fields": {"proc/self/mountinfo": "30 22 0:26 / /sys/fs/cgroup rw -\n", "proc/self/cgroup": "0::\n"},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			for p, c := range files {
				write(t, root, p, c)
			}
			if l := fromCgroup(root); l != (Limits{}) {
				t.Errorf("got %+v, want no limits", l)
			}
			if _, ok := oomKills(root); ok && name != "unlimited" && name != "garbage values" {
				t.Errorf("oomKills found a count")
			}
		})
	}
}

func TestUnescapeOctal(t *testing.T) {
	for in, want := range map[string]string{`/a\040b`: "/a b", `/x\134y`: `/x\y`, `/bad\9`: `/bad\9`, `\04`: `\04`, `/`: `/`} {
		if got := unescapeOctal(in); got != want {
			t.Errorf("unescapeOctal(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestThisMachine only checks that reading the real /proc and /sys works
// and gives sane values; what they are depends on where the test runs.
func TestThisMachine(t *testing.T) {
	l := Detect(Limits{})
	if l.Memory < 0 || l.CPUs < 0 || (l.Memory > 0) != (l.MemoryFrom != "") || (l.CPUs > 0) != (l.CPUsFrom != "") {
		t.Errorf("Detect = %+v", l)
	}
	t.Logf("limits here: %v", l)
}
