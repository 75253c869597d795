"""Interleaved benchmark of lingo against GoNB: kernel start, warm cells that
use Lingo's library, trivial and gonum/plot cells, and lingo's disk and
memory per cell.

Usage (Debian's python3-jupyter-client; both kernelspecs installed; GoNB's
goimports and gopls on PATH):

    PATH=$HOME/gonbbin:$HOME/.local/bin:$PATH /usr/bin/python3 \\
        kernel/testdata/bench/cells.py [--rounds 15] [--starts 10] [--mem 100]

Both kernels run side by side and their cells alternate (the order flips
every round), so both see the same machine load; compare medians and the
ratio column, not absolute times across runs. Each timed cell differs from
the one before (it prints the round number), so neither kernel can reuse a
build. Cells:

  trivial    fmt.Println(i)
  func       defines a function (a new name each round) and calls it
  library    opens WordNet (nlp/wordnet) and tokenizes with nlp/text; the same
             code, imports included, in both kernels. GoNB reaches Lingo's
             module through its own go.mod: a setup cell runs
             "!*go mod edit -require=... -replace=...=<this checkout>".
  library+state   lingo only: the same work with the WordNet handle kept from an
             earlier cell, as the lessons do (GoNB keeps no values)
  plot       a gonum/plot line plot rendered to SVG bytes, same code in both

start is the time from spawning the kernel to its kernel_info_reply (one
kernel_info_request sent at once; ZeroMQ delivers it when the kernel
listens), without jupyter_client's 0.2 s wait for a quiet iopub. "first
cell of a session" is fmt.Println in that fresh kernel, timed from its
execute_request to idle; "start + first cell" is the sum.

A lingo kernelspec whose env sets LINGO_SHARED=0 measures the static-plugin
fallback (e.g. --lingo lingo,lingo-static).

Lingo only: worker RSS (after a GC) and session directory size over the
mixed cells and over --mem more trivial cells (per-cell growth). --lingo may
name several lingo kernelspecs, e.g. "lingo,lingo-main" for a build of
another branch; all kernels' cells interleave and each is compared to GoNB.
"""
import argparse
import os
import queue
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TIMEOUT = 600

LIB_IMPORTS = '''import (
\t"fmt"
\t"strings"

\t"github.com/lingo-nlp/lingo/nlp/text"
\t"github.com/lingo-nlp/lingo/nlp/wordnet"
)
'''
LIB_BODY = '''wn, err := wordnet.Open("")
if err != nil {
\tpanic(err)
}
n := 0
for _, w := range text.Words("Good pandas eat bamboo in the forest") {
\tn += len(wn.Synsets(strings.ToLower(w), wordnet.AnyPOS))
}
fmt.Println("round", %d, "senses", n)
'''
LIB_STATE_SETUP = 'import "github.com/lingo-nlp/lingo/nlp/text"\nwn, _ := wordnet.Open("")'
LIB_STATE_BODY = '''n := 0
for _, w := range text.Words("Good pandas eat bamboo in the forest") {
\tn += len(wn.Synsets(strings.ToLower(w), wordnet.AnyPOS))
}
fmt.Println("round", %d, "senses", n)
'''
PLOT_IMPORTS = '''import (
\t"bytes"
\t"fmt"

\t"gonum.org/v1/plot"
\t"gonum.org/v1/plot/plotter"
\t"gonum.org/v1/plot/vg"
)
'''
PLOT_BODY = '''p := plot.New()
p.Title.Text = "x"
line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 2}, {X: 2, Y: %d}})
if err != nil {
\tpanic(err)
}
p.Add(line)
w, err := p.WriterTo(4*vg.Inch, 3*vg.Inch, "svg")
if err != nil {
\tpanic(err)
}
var buf bytes.Buffer
if _, err := w.WriteTo(&buf); err != nil {
\tpanic(err)
}
fmt.Println("svg", buf.Len() > 0)
'''


def cells(gonb):
    """The cell kinds: name -> function of the round number."""
    sep = "%%\n" if gonb else ""
    kinds = {
        "trivial": lambda i: sep + "fmt.Println(%d)" % i,
        "func": lambda i: "func sq%d(x int) int { return x * x }\n" % i + sep + "fmt.Println(sq%d(%d))" % (i, i),
        "library": lambda i: LIB_IMPORTS + "\n" + sep + LIB_BODY % i,
        "plot": lambda i: PLOT_IMPORTS + "\n" + sep + PLOT_BODY % (i + 3),
    }
    if not gonb:
        kinds["library+state"] = lambda i: LIB_STATE_BODY % i
    return kinds


class Kernel:
    def __init__(self, name):
        self.name = name
        self.gonb = name.startswith("gonb")
        self.km = KernelManager(kernel_name=name)
        t0 = time.time()
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        mid = self.kc.kernel_info()
        while True:
            m = self.kc.get_shell_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == mid:
                break
        self.start = time.time() - t0
        # Let iopub settle as start_new_kernel does, outside the timing.
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.3)
            except queue.Empty:
                break

    def run(self, code):
        """Runs code; returns (seconds until idle, stdout, error text or None)."""
        t0 = time.time()
        mid = self.kc.execute(code)
        out, err = "", None
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") != mid:
                continue
            t, c = m["msg_type"], m["content"]
            if t == "stream":
                out += c["text"]
            elif t == "error":
                err = (c.get("ename", "") + ": " + c.get("evalue", ""))[:500]
            elif t == "status" and c["execution_state"] == "idle":
                return time.time() - t0, out, err

    def pid(self):
        p = getattr(self.km, "provisioner", None)
        proc = getattr(p, "process", None) if p is not None else None
        return proc.pid if proc is not None else None

    def close(self):
        self.kc.stop_channels()
        # GoNB stops its gopls daemon only on a clean shutdown.
        self.km.shutdown_kernel(now=not self.gonb)


def children(pid):
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    s = f.read()
                if int(s[s.rindex(")") + 2:].split()[1]) == pid:
                    kids.append(int(d))
            except (OSError, ValueError):
                pass
    return kids


def lingo_worker(kernel_pid):
    todo = [kernel_pid]
    while todo:
        p = todo.pop()
        for k in children(p):
            try:
                with open("/proc/%d/environ" % k, "rb") as f:
                    if b"LINGO_WORKER=1" in f.read().split(b"\0"):
                        return k
            except OSError:
                pass
            todo.append(k)
    return None


def rss_mib(pid, field="VmRSS"):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


FREE = 'import "runtime/debug"\nruntime.GC()\ndebug.FreeOSMemory()'


def memory(k, pid):
    """RSS, anonymous and file-backed resident MiB of pid after a GC."""
    must(k, FREE)
    return [rss_mib(pid, f) for f in ("VmRSS", "RssAnon", "RssFile")]


def lingo_cache():
    if os.environ.get("LINGO_CACHE"):
        return os.environ["LINGO_CACHE"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "lingo")


def session_dir(kernel_pid):
    base = os.path.join(lingo_cache(), "sessions")
    for d in os.listdir(base):
        try:
            with open(os.path.join(base, d, "pid")) as f:
                if int(f.read().strip()) == kernel_pid:
                    return os.path.join(base, d)
        except (OSError, ValueError):
            pass
    return None


def du_bytes(path):
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout
    return int(out.split()[0]) if out else 0


def must(k, code):
    dt, out, err = k.run(code)
    if err:
        sys.exit("%s: setup cell failed: %s\n%s" % (k.name, err, code))
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lingo", default="lingo", help="lingo kernelspec (comma-separated for several, e.g. lingo,lingo-main)")
    ap.add_argument("--gonb", default="gonb")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--mem", type=int, default=100)
    ap.add_argument("--starts-only", action="store_true", help="only the start phase (start and first cell)")
    a = ap.parse_args()
    lingos = a.lingo.split(",")
    names = lingos + [a.gonb]
    lat = {n: {} for n in names}

    print("== kernel start, %d rounds, alternating" % a.starts, flush=True)
    for r in range(a.starts):
        for n in (names if r % 2 == 0 else names[::-1]):
            k = Kernel(n)
            lat[n].setdefault("start -> kernel_info_reply", []).append(k.start)
            dt, out, err = k.run(("%%\n" if k.gonb else "") + "fmt.Println(%d)" % r)
            if err:
                sys.exit("%s: first cell failed: %s" % (n, err))
            lat[n].setdefault("first cell of a session", []).append(dt)
            lat[n].setdefault("start + first cell", []).append(k.start + dt)
            k.close()

    if a.starts_only:
        for kind in ["start -> kernel_info_reply", "first cell of a session", "start + first cell"]:
            print("%-28s p50 " % kind + "  ".join("%s %.3f" % (n, statistics.median(lat[n][kind])) for n in names))
        return

    print("== cells, %d rounds, alternating" % a.rounds, flush=True)
    ks = {n: Kernel(n) for n in names}
    first, mem = {}, {}
    try:
        must(ks[a.gonb], "!*go mod edit -require=github.com/lingo-nlp/lingo@v0.0.0-00010101000000-000000000000"
             " -replace=github.com/lingo-nlp/lingo=%s" % ROOT)
        for n in lingos:
            must(ks[n], LIB_STATE_SETUP)
        kinds = {n: cells(ks[n].gonb) for n in names}
        for n in names:  # first (cold-ish) run of each kind, not counted
            for kind, cell in kinds[n].items():
                dt, out, err = ks[n].run(cell(0))
                first[(n, kind)] = dt
                if err:
                    sys.exit("%s: %s cell failed: %s" % (n, kind, err))
        wsd = {n: (lingo_worker(ks[n].pid()), session_dir(ks[n].pid())) for n in lingos}
        for n in lingos:
            mem[n] = {"ncells": 0, "before": (memory(ks[n], wsd[n][0]), du_bytes(wsd[n][1]))}
        for r in range(1, a.rounds + 1):
            order = names if r % 2 == 0 else names[::-1]
            for kind in kinds[lingos[0]]:
                for n in order:
                    if kind not in kinds[n]:
                        continue
                    dt, out, err = ks[n].run(kinds[n][kind](r))
                    if err or "round" not in out and kind.startswith("library"):
                        sys.exit("%s: %s cell, round %d: out=%r err=%s" % (n, kind, r, out, err))
                    lat[n].setdefault(kind, []).append(dt)
                    if n in mem:
                        mem[n]["ncells"] += 1
            print("   round %d done" % r, flush=True)
        for n in lingos:
            w, sd = wsd[n]
            mem[n]["mixed"] = (memory(ks[n], w), du_bytes(sd))
            mem[n]["lat"] = [ks[n].run("fmt.Println(%d)" % (1000 + i))[0] for i in range(a.mem)]
            mem[n]["trivial"] = (memory(ks[n], w), du_bytes(sd))
        gonb_dirs = [d for d in os.listdir("/tmp") if d.startswith("gonb_")]
    finally:
        for k in ks.values():
            k.close()

    print()
    hdr = "%-34s" % "p50 (s)" + "".join("%12s" % n for n in names) + "".join("%14s" % ("%s/%s" % (n, a.gonb)) for n in lingos)
    print(hdr)
    print("-" * len(hdr))
    for kind in ["start -> kernel_info_reply", "first cell of a session", "start + first cell",
                 "trivial", "func", "library", "library+state", "plot"]:
        v = {n: statistics.median(lat[n][kind]) if kind in lat[n] else None for n in names}
        line = "%-34s" % ("%s (n=%d)" % (kind, len(lat[lingos[0]][kind])))
        line += "".join("%12s" % ("-" if v[n] is None else "%.3f" % v[n]) for n in names)
        line += "".join("%14s" % ("-" if v[n] is None or v[a.gonb] is None else "%.2f" % (v[n] / v[a.gonb])) for n in lingos)
        print(line)
    print()
    print("first cell of each kind (s): " + ", ".join("%s %s %.2f" % (n, kind, dt) for (n, kind), dt in first.items()))
    for n in lingos:
        m = mem[n]
        (m0, d0), (m1, d1), (m2, d2) = m["before"], m["mixed"], m["trivial"]
        for i, what in enumerate(["RSS", "RssAnon (data)", "RssFile (code)"]):
            print("%s worker %s after GC: %.1f MiB -> %.1f MiB over %d mixed cells (%.3f MiB/cell), -> %.1f MiB over %d trivial cells (%.3f MiB/cell)"
                  % (n, what, m0[i], m1[i], m["ncells"], (m1[i] - m0[i]) / m["ncells"], m2[i], a.mem, (m2[i] - m1[i]) / a.mem))
        print("%s session directory: %.1f kB -> %.1f kB over %d mixed cells (%.1f kB/cell), -> %.1f kB over %d trivial cells (%.1f kB/cell)"
              % (n, d0 / 1e3, d1 / 1e3, m["ncells"], (d1 - d0) / 1e3 / m["ncells"], d2 / 1e3, a.mem, (d2 - d1) / 1e3 / a.mem))
        q = max(1, a.mem // 5)
        print("%s trivial cell p50 over the first %d and the last %d of the %d memory-phase cells: %.3f s, %.3f s"
              % (n, q, q, a.mem, statistics.median(m["lat"][:q]), statistics.median(m["lat"][-q:])))
    print("GoNB temporary directories left in /tmp: %d" % len(gonb_dirs))


if __name__ == "__main__":
    main()
