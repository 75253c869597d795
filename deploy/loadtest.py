"""Load test: K simulated students on one JupyterHub with Lingo.

    sudo /usr/bin/python3 deploy/loadtest.py [--k 1,5,10,20] [--think 2:8] [--arrive 20]
                                             [--cache shared|none|both] [--session full|first]
                                             [--mem 2G] [--json out.json]

For each K, K brand-new Unix users (empty homes and caches) arrive at
random moments within --arrive seconds, log in through the hub's REST API,
start their servers, open a Lingo kernel and run a student's session with a
think time (uniform in --think seconds) before each cell: the kernel tour's
first cells, a WordNet lookup, a small word2vec training and an n-gram
next-word table (LINGO_SCALE=ci corpora). It reports the p50/p95 cell
latency, the first-cell latency (a new kernel's first cell, sent as soon as
the kernel's websocket is open), the time from login to a running server,
the peak RSS of each student's worker and of all their processes, CPU
seconds and disk per student, the machine's lowest available memory, and
what failed first. --cache none hides the system install's shared build
cache and prebuilt worker from the students (each builds their own); --cache
both runs each K twice, with and then without it, side by side. --session
first runs only the first cell (the first-cell latency benchmark).

Users are deleted afterwards with their homes and processes. Needs root, a
system install of Lingo and jupyterhub (see deploy/test_hub.py).
"""
import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lingohub as lh  # noqa: E402

CLK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

# A student's session after the kernel starts: the kernel tour's first ten
# cells, then one cell each of WordNet, word2vec and n-grams.
SESSION = [src for src, _ in lh.TOUR[:10]] + [
    'wn, err := wordnet.Open("")\nif err != nil {\n\tfmt.Println(err)\n}\nwn.Synsets("good", wordnet.AnyPOS)',
    'import "github.com/lingo-nlp/lingo/nlp/text"\n\nsrc, _ := corpus.Get("sotu")\nvar sentences [][]string\n'
    'for s, err := range src.All() {\n\tif err != nil {\n\t\tfmt.Println(err)\n\t\tbreak\n\t}\n'
    '\tif w := text.Words(s.Text); len(w) > 0 {\n\t\tsentences = append(sentences, w)\n\t}\n}\nlen(sentences)',
    'w2v, err := word2vec.Train(ctx, sentences, word2vec.Config{Dim: 50, Window: 5, MinCount: 3, Epochs: 3, SG: true, Workers: 1, Seed: 1})\n'
    'if err != nil {\n\tfmt.Println(err)\n}\nw2v.MostSimilar([]string{"war"}, nil, 5)',
    'lm, err := ngram.Train(sentences, ngram.Config{Order: 3})\nif err != nil {\n\tfmt.Println(err)\n}\n'
    'lm.NextWords([]string{"the", "united"}, 5)',
]
KINDS = ["tour"] * 10 + ["wordnet", "corpus", "word2vec", "ngram"]


def proc_stat(pid):
    """(rss bytes, cpu seconds including waited-for children, cmdline)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read()
        f2 = st[st.rindex(")") + 2:].split()
        cpu = sum(int(x) for x in f2[11:15]) / CLK  # utime stime cutime cstime
        rss = int(f2[21]) * PAGE
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        return rss, cpu, cmd
    except (OSError, ValueError, IndexError):
        return 0, 0.0, ""


def mem_available():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def disk_usage(path):
    total = 0
    for root, dirs, files in os.walk(path):
        for n in dirs + files:
            try:
                total += os.lstat(os.path.join(root, n)).st_blocks * 512
            except OSError:
                pass
    return total


class Monitor:
    """Samples every second: each student's worker RSS and all their
    processes' RSS (peaks), and the machine's available memory (lowest)."""

    def __init__(self, users):
        self.users = users
        self.worker_peak = {n: 0 for n in users.names}
        self.total_peak = {n: 0 for n in users.names}
        self.min_avail = mem_available()
        self.cpu = {}
        self.running = True

    def sample(self):
        for n in self.users.names:
            worker = total = 0
            for pid in lh.pids_of(self.users.uid(n)):
                rss, _, cmd = proc_stat(pid)
                total += rss
                if "/worker-" in cmd:
                    worker += rss
            self.worker_peak[n] = max(self.worker_peak[n], worker)
            self.total_peak[n] = max(self.total_peak[n], total)
        self.min_avail = min(self.min_avail, mem_available())

    def cpu_seconds(self, name):
        return sum(proc_stat(pid)[1] for pid in lh.pids_of(self.users.uid(name)))

    async def run(self):
        while self.running:
            self.sample()
            await asyncio.sleep(1)


async def student(hub, name, password, rng, args, rec, mon):
    await asyncio.sleep(rng.uniform(0, args.arrive))
    s = lh.Student(hub, name, password)
    t0 = time.monotonic()
    try:
        await s.login()
        await s.start(timeout=600)
        rec["server_start"] = time.monotonic() - t0
        t1 = time.monotonic()
        k = await s.open_kernel()
        rec["kernel_start"] = time.monotonic() - t1
        try:
            for i, (code, kind) in enumerate(args.cells):
                if i > 0:
                    await asyncio.sleep(rng.uniform(*args.think))
                r = await k.execute(code, timeout=900)
                rec["cells"].append({"kind": kind, "seconds": r.seconds, "ok": r.status == "ok" and not r.errors})
                if not rec["cells"][-1]["ok"]:
                    rec["failures"].append("%s cell %d (%s): %s" % (name, i, kind, "; ".join(r.errors)[:300]))
        finally:
            k.close()
    except Exception as e:  # a failure is a result of the load test
        rec["failures"].append("%s: %s: %s" % (name, type(e).__name__, str(e)[:300]))
    rec["cpu"] = mon.cpu_seconds(name)
    rec["done"] = time.monotonic() - t0


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def one_round(k, args, shared):
    users = lh.Users("lingoload", k)
    env = {"LINGO_HUB_SHARED_CACHE": "1" if shared else "0", "LINGO_SCALE": "ci"}
    if args.mem:
        env["LINGO_HUB_MEM_LIMIT"] = args.mem
    if args.cpus:
        env["LINGO_HUB_CPU_LIMIT"] = args.cpus
    hub = lh.Hub(users, env=env)
    recs = {n: {"cells": [], "failures": []} for n in users.names}
    mon = Monitor(users)
    rng = random.Random(args.seed + k)
    try:
        await hub.wait_ready()
        mt = asyncio.ensure_future(mon.run())
        t0 = time.monotonic()
        await asyncio.gather(*(student(hub, n, users.password, random.Random(rng.random()), args, recs[n], mon)
                               for n in users.names))
        wall = time.monotonic() - t0
        mon.sample()
        mon.running = False
        await mt
        disk = {n: {d: disk_usage(os.path.join(users.home(n), d)) for d in
                    (".cache/lingo", ".cache/go-build", ".local/share/jupyter", "lingo-lessons")} for n in users.names}
    finally:
        hub.stop()
        users.remove()
    cells = [c["seconds"] for r in recs.values() for c in r["cells"]]
    first = [r["cells"][0]["seconds"] for r in recs.values() if r["cells"]]
    result = {
        "k": k, "wall": wall, "shared_cache": shared, "session_cells": len(args.cells),
        "cell_p50": pct(cells, 50), "cell_p95": pct(cells, 95),
        "first_p50": pct(first, 50), "first_p95": pct(first, 95), "first_max": max(first, default=float("nan")),
        "server_start_p50": pct([r["server_start"] for r in recs.values() if "server_start" in r], 50),
        "kernel_start_p50": pct([r["kernel_start"] for r in recs.values() if "kernel_start" in r], 50),
        "by_kind_p50": {kind: pct([c["seconds"] for r in recs.values() for c in r["cells"] if c["kind"] == kind], 50)
                        for kind in sorted(set(KINDS))},
        "worker_rss_peak_mb": statistics.mean(mon.worker_peak.values()) / 2**20,
        "worker_rss_max_mb": max(mon.worker_peak.values()) / 2**20,
        "student_rss_peak_mb": statistics.mean(mon.total_peak.values()) / 2**20,
        "cpu_seconds": statistics.mean(r.get("cpu", 0) for r in recs.values()),
        "disk_mb": statistics.mean(sum(d.values()) for d in disk.values()) / 2**20,
        "disk_by_dir_mb": {d: statistics.mean(x[d] for x in disk.values()) / 2**20 for d in next(iter(disk.values()))},
        "min_mem_available_mb": mon.min_avail / 2**20,
        "cells_run": len(cells), "cells_expected": k * len(args.cells),
        "failures": [f for r in recs.values() for f in r["failures"]],
        "loadavg": os.getloadavg(),
    }
    return result


def table(results):
    lines = ["| K | shared cache | cells ok | cell p50 | cell p95 | first cell p50 | first cell p95 | server start p50 | worker RSS peak | student RSS peak | CPU s / student | disk / student | lowest MemAvailable | first failure |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        ok = r["cells_run"] - sum(1 for f in r["failures"] if " cell " in f)
        lines.append("| %d | %s | %d/%d | %.2f s | %.2f s | %.2f s | %.2f s | %.1f s | %.0f MB | %.0f MB | %.0f | %.0f MB | %.0f MB | %s |" % (
            r["k"], "yes" if r["shared_cache"] else "no", ok, r["cells_expected"], r["cell_p50"], r["cell_p95"], r["first_p50"], r["first_p95"],
            r["server_start_p50"], r["worker_rss_peak_mb"], r["student_rss_peak_mb"], r["cpu_seconds"], r["disk_mb"],
            r["min_mem_available_mb"], (r["failures"][0][:80] if r["failures"] else "none")))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--k", default="1,5,10,20", help="numbers of students, comma-separated")
    ap.add_argument("--think", default="2:8", help="think time before each cell, MIN:MAX seconds")
    ap.add_argument("--arrive", type=float, default=20, help="students arrive within this many seconds")
    ap.add_argument("--cache", default="shared", choices=["shared", "none", "both"],
                    help="with the shared build cache, without it (each student builds their own), or both")
    ap.add_argument("--session", default="full", choices=["full", "first"],
                    help="full: the whole session; first: only the first cell (first-cell latency)")
    ap.add_argument("--mem", default="", help="memory limit per student (LINGO_HUB_MEM_LIMIT)")
    ap.add_argument("--cpus", default="", help="CPU limit per student (LINGO_HUB_CPU_LIMIT)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", default="", help="append each round's result to this JSON-lines file")
    args = ap.parse_args()
    args.think = tuple(float(x) for x in args.think.split(":"))
    args.cells = list(zip(SESSION, KINDS))
    if args.session == "first":
        args.cells = args.cells[:1]
    modes = {"shared": [True], "none": [False], "both": [True, False]}[args.cache]
    try:
        lh.check_machine()
    except lh.Skip as e:
        print("loadtest: skipped:", e)
        return 0
    results = []
    for k, shared in [(int(x), m) for x in args.k.split(",") for m in modes]:
        print("== K = %d students, %s" % (k, "shared cache" if shared else "no shared cache"), file=sys.stderr)
        r = asyncio.run(one_round(k, args, shared))
        results.append(r)
        print(json.dumps(r, indent=1), file=sys.stderr)
        if args.json:
            with open(args.json, "a") as f:
                f.write(json.dumps(r) + "\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
