package limits

import (
	"strings"
	"testing"
)

func FuzzParseMountinfo(f *testing.F) {
	for _, s := range []string{
		"36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n",
		"35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n",
		"30 22 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2\n",
		"- - - - - - - - -\n", "1 2 3 4 5 6 -\n", "1 2 3 \\04 \\ 6 - x\n", strings.Repeat("x ", 100000), "\x00\n\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range parseMountinfo(b) {
			if !strings.HasPrefix(m.root, "/") || !strings.HasPrefix(m.point, "/") || m.fstype == "" {
				t.Fatalf("bad mount %+v", m)
			}
		}
	})
}

func FuzzParseProcCgroup(f *testing.F) {
	for _, s := range []string{"0::/\n", "4:memory:/a/b\n3:cpu,cpuacct:/x\n", "::\n", "1:name=systemd:/\n", "0::/../..\n", "a:b:c:d\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, p := range parseProcCgroup(b) {
			if !strings.HasPrefix(p, "/") {
				t.Fatalf("path %q", p)
			}
		}
		g, ok := groups("/r", []mount{{root: "/", point: "/sys/fs/cgroup", fstype: "cgroup2"}}, parseProcCgroup(b), "")
		if ok && !strings.HasPrefix(g.dir, "/r/sys/fs/cgroup") {
			t.Fatalf("group %q escapes the mount", g.dir)
		}
	})
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"512M", "1.5G", "2Gi", "0", "-1", "1e9", "9999999999999T", ".", "1..", "NaN", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err == nil && (n < 1 || n >= 1<<62) {
			t.Fatalf("ParseSize(%q) = %d", s, n)
		}
		c, err := ParseCPUs(s)
		if err == nil && (c < 0.001 || c > 1<<16) {
			t.Fatalf("ParseCPUs(%q) = %g", s, c)
		}
	})
}
