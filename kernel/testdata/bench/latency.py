"""Side-by-side latency benchmark of Go Jupyter kernels through jupyter_client.

Usage (Debian's python3-jupyter-client, not a pyenv python):

    PATH=/tmp/gonbbin:$HOME/.local/bin:$PATH \
        /usr/bin/python3 kernel/testdata/bench/latency.py lingo gonb

Each kernel name must be an installed kernelspec. The kernel named "gonb" gets
GoNB's cell syntax (a "%%" line before statements); every other kernel is
treated as lingo. For each kernel, in one run, it measures:

  start    kernel process start until the kernel_info_reply (start_new_kernel)
  first    the first cell, fmt.Println("hi") (includes first compile/warm-up)
  trivial  round trip execute_request -> status idle of fmt.Println(i),
           p50 and p95 over TRIVIAL (50) warm cells
  plot     a cell building a gonum/plot-backed line plot, p50 over PLOT (10)
           cells (GoNB: a gonum/plot plot written to SVG bytes, after a
           one-off "!*go get gonum.org/v1/plot@v0.17.0" setup cell)
  memory   lingo only: RSS of the worker process (LINGO_WORKER=1 in its
           environment, or named worker-*) before and after MEM (100) trivial
           cells

and prints a table with the kernels side by side and the ratio of the first
kernel to the second. The machine it runs on may be shared: compare the
columns of one run, not numbers across runs.
"""
import math
import os
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

TRIVIAL = 50
PLOT = 10
MEM = 100
TIMEOUT = 300

GONB_PLOT_IMPORTS = '''import (
\t"bytes"
\t"fmt"

\t"gonum.org/v1/plot"
\t"gonum.org/v1/plot/plotter"
\t"gonum.org/v1/plot/vg"
)
'''

GONB_PLOT_CELL = '''%%
p := plot.New()
p.Title.Text = "x"
line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 2}, {X: 2, Y: 3}})
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
fmt.Println("svg bytes:", buf.Len())
'''

LINGO_PLOT_CELL = 'plots.NewLineChart("x").Add("y", []float64{1, 2, 3})'
# An n-gram model kept in memory from a setup cell, queried and charted by each timed cell.
LINGO_NLP_SETUP = ('sents := [][]string{}\n'
                   'for _, s := range strings.Split(corpus.DefaultText(), "\\n") { sents = append(sents, strings.Fields(s)) }\n'
                   'lm3, _ := ngram.Train(sents, ngram.Config{Order: 3})')
LINGO_NLP_CELL = ('nw := lm3.NextWords([]string{"the"}, 5)\n'
                  'p := make([]float64, len(nw.Words))\nw := make([]string, len(nw.Words))\n'
                  'for i, x := range nw.Words { w[i], p[i] = x.Word, x.Prob }\n'
                  'plots.NewBarChart("next word after the", w, p)')


def percentile(sorted_xs, q):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_xs:
        return float("nan")
    k = max(0, min(len(sorted_xs) - 1, math.ceil(q * len(sorted_xs)) - 1))
    return sorted_xs[k]


class Kernel:
    def __init__(self, name):
        self.name = name
        t0 = time.time()
        # start_new_kernel waits for the kernel_info_reply.
        self.km, self.kc = start_new_kernel(kernel_name=name, startup_timeout=TIMEOUT)
        self.start = time.time() - t0

    def run(self, code):
        """Executes code, returns (seconds until idle, output, error or None).

        The output is the stream text followed by one "[msg_type mimes]"
        marker per execute_result/display_data message."""
        t0 = time.time()
        mid = self.kc.execute(code)
        out, shown, err = "", "", None
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") != mid:
                continue
            t = m["msg_type"]
            c = m["content"]
            if t == "stream":
                out += c["text"]
            elif t in ("execute_result", "display_data"):
                data = c.get("data", {})
                shown += "[%s %s]" % (t, ",".join(sorted(data)))
            elif t == "error":
                err = (c.get("ename", "") + ": " + c.get("evalue", "") + " " +
                       " ".join(c.get("traceback", [])))[:400]
            elif t == "status" and c["execution_state"] == "idle":
                return time.time() - t0, out + shown, err

    def pid(self):
        p = getattr(self.km, "provisioner", None)
        proc = getattr(p, "process", None) if p is not None else None
        if proc is None:
            proc = getattr(self.km, "kernel", None)
        return proc.pid if proc is not None else None

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                s = f.read()
            ppid = int(s[s.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


def is_worker(pid):
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            if b"LINGO_WORKER=1" in f.read().split(b"\0"):
                return True
    except OSError:
        pass
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip().startswith("worker-")
    except OSError:
        return False


def find_worker(root):
    """Returns the pid of the first descendant of root that is a lingo worker."""
    kids = children_map()
    todo = list(kids.get(root, []))
    while todo:
        p = todo.pop(0)
        if is_worker(p):
            return p
        todo.extend(kids.get(p, []))
    return None


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def bench(name):
    gonb = name == "gonb"
    r = {"notes": []}
    print("== %s: starting" % name, flush=True)
    k = Kernel(name)
    r["start"] = k.start
    try:
        first = 'import "fmt"\n%%\nfmt.Println("hi")' if gonb else 'fmt.Println("hi")'
        dt, out, err = k.run(first)
        r["first"] = dt
        print("   first cell %.2fs out=%r err=%r" % (dt, out[:80], err), flush=True)
        if err:
            r["notes"].append("first cell error: " + err)

        lat = []
        for i in range(TRIVIAL):
            dt, out, err = k.run(('%%%%\nfmt.Println(%d)' if gonb else 'fmt.Println(%d)') % i)
            # lingo also shows fmt.Println's results as an execute_result.
            if err or out.split("[", 1)[0].strip() != str(i):
                r["notes"].append("trivial cell %d: out=%r err=%r" % (i, out, err))
                break
            lat.append(dt)
        lat.sort()
        r["trivial_p50"] = statistics.median(lat) if lat else float("nan")
        r["trivial_p95"] = percentile(lat, 0.95)
        print("   trivial p50 %.3fs p95 %.3fs (n=%d)" % (r["trivial_p50"], r["trivial_p95"], len(lat)), flush=True)

        if gonb:
            dt, out, err = k.run("!*go get gonum.org/v1/plot@v0.17.0")
            r["plot_setup"] = dt
            print("   go get gonum/plot %.2fs err=%r" % (dt, err), flush=True)
            dt, out, err = k.run(GONB_PLOT_IMPORTS + GONB_PLOT_CELL)
            print("   first plot cell %.2fs out=%r err=%r" % (dt, out[:80], err), flush=True)
            r["plot_first"] = dt
            cell = GONB_PLOT_CELL
        else:
            dt, out, err = k.run(LINGO_PLOT_CELL)
            print("   first plot cell %.2fs out=%r err=%r" % (dt, out[:80], err), flush=True)
            r["plot_first"] = dt
            cell = LINGO_PLOT_CELL
        if err:
            r["notes"].append("plot cell error: " + err)
        pl = []
        for _ in range(PLOT if not err else 0):
            dt, out, err = k.run(cell)
            if err:
                r["notes"].append("plot cell error: " + err)
                break
            pl.append(dt)
        r["plot_p50"] = statistics.median(pl) if pl else float("nan")
        print("   plot p50 %.3fs (n=%d) last out=%r" % (r["plot_p50"], len(pl), out[:80]), flush=True)

        if not gonb:
            # A cell that uses an nlp package and gonum/plot (lingo only: GoNB
            # cannot import Lingo's packages without the module).
            k.run(LINGO_NLP_SETUP)
            nl = []
            for _ in range(PLOT):
                dt, out, err = k.run(LINGO_NLP_CELL)
                if err:
                    r["notes"].append("nlp cell error: " + err)
                    break
                nl.append(dt)
            r["nlp_p50"] = statistics.median(nl) if nl else float("nan")
            print("   nlp+plot p50 %.3fs (n=%d)" % (r["nlp_p50"], len(nl)), flush=True)

            root = k.pid()
            w0 = find_worker(root) if root else None
            if w0 is None:
                r["notes"].append("no worker process found under pid %s" % root)
            else:
                before = rss_mib(w0)
                for i in range(MEM):
                    k.run("fmt.Println(%d)" % i)
                w1 = find_worker(root)
                after = rss_mib(w1) if w1 else float("nan")
                r["rss_before"], r["rss_after"] = before, after
                if w1 != w0:
                    r["notes"].append("worker pid changed %s -> %s during memory run" % (w0, w1))
                print("   worker %d RSS %.1f MiB -> %.1f MiB over %d cells" % (w0, before, after, MEM), flush=True)
    finally:
        k.close()
    return r


def main():
    names = sys.argv[1:] or ["lingo", "gonb"]
    res = {n: bench(n) for n in names}
    rows = [
        ("kernel start -> kernel_info_reply (s)", "start"),
        ("first cell (s)", "first"),
        ("trivial cell p50 (s, n=%d)" % TRIVIAL, "trivial_p50"),
        ("trivial cell p95 (s, n=%d)" % TRIVIAL, "trivial_p95"),
        ("first plot cell (s)", "plot_first"),
        ("plot cell p50 (s, n=%d)" % PLOT, "plot_p50"),
        ("nlp (ngram) + plot cell p50 (s, lingo only)", "nlp_p50"),
        ("GoNB go get gonum/plot (s)", "plot_setup"),
        ("worker RSS before (MiB)", "rss_before"),
        ("worker RSS after %d cells (MiB)" % MEM, "rss_after"),
    ]
    ratio = len(names) == 2
    hdr = "%-40s" % "metric" + "".join("%12s" % n for n in names)
    if ratio:
        hdr += "%14s" % ("%s/%s" % (names[0], names[1]))
    print()
    print(hdr)
    print("-" * len(hdr))
    for label, key in rows:
        vals = [res[n].get(key) for n in names]
        if all(v is None for v in vals):
            continue
        line = "%-40s" % label + "".join("%12s" % ("-" if v is None else "%.3f" % v) for v in vals)
        if ratio and None not in vals and vals[1] and vals[1] == vals[1] and vals[0] == vals[0]:
            line += "%14.2f" % (vals[0] / vals[1])
        print(line)
    for n in names:
        for note in res[n]["notes"]:
            print("note (%s): %s" % (n, note))


if __name__ == "__main__":
    main()
