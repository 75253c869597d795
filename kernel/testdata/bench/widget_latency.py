"""Widget latency through the real Jupyter protocol: a slider change sent as a
front end sends it, until the redrawn result arrives on iopub.

Usage (Debian's python3-jupyter-client; lingo installed as the kernelspec
"lingo"; Debian's python3-ipykernel and python3-ipywidgets for the peer):

    /usr/bin/python3 kernel/testdata/bench/widget_latency.py [ROUNDS]

Two scenarios, ROUNDS (default 30) slider changes each, one change at a time
(the next is sent once the previous one's redraw has arrived):

  trivial   Interact of a function returning "*" * k, driven with protocol-1
            messages (what Debian's classic Notebook sends: the version comm,
            then "backbone" updates), rounds interleaved between lingo and
            the peer, IPython (ipykernel 6.17) with ipywidgets 6.0.0's
            interact. Timed: comm_msg sent -> the result's display arrives
            (lingo: update_display_data; ipywidgets: display_data).
  sampling  lingo only: lesson 06's sampling demo (the Interact cell of
            notebooks/06-transformer-lm.ipynb, run on the lesson's
            Transformer, 2 blocks of width 64, trained for the lesson's CI
            steps, the same size as at full scale), driven with protocol 2.1
            messages (JupyterLab's): temperature moved, comm_msg sent ->
            update_display_data with the redrawn chart and sample. Also
            timed: the echo_update (the comm round trip alone), and, inside
            the kernel, each part of the function.

Prints medians (p50) and p95. The machine may be shared: compare columns of
one run, not numbers across runs.
"""
import json
import os
import queue
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
TIMEOUT = 600
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")


class Kernel:
    def __init__(self, name, env=None):
        self.name = name
        self.km, self.kc = start_new_kernel(kernel_name=name, startup_timeout=180, env=env)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def run(self, code):
        """Runs code; returns the iopub messages up to its idle."""
        mid = self.kc.execute(code)
        msgs = []
        deadline = time.time() + TIMEOUT
        while True:
            m = self.kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
            msgs.append(m)
            if m["parent_header"].get("msg_id") == mid and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        while True:
            r = self.kc.get_shell_msg(timeout=TIMEOUT)
            if r["parent_header"].get("msg_id") == mid:
                break
        if r["content"]["status"] != "ok":
            errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
            raise RuntimeError(f"{self.name}: cell failed: {errs}\n{code}")
        return msgs

    def send(self, msg_type, content):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def until(self, pred):
        deadline = time.time() + 120
        seen = []
        while time.time() < deadline:
            try:
                m = self.kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            seen.append(m)
            if pred(m):
                return m, seen
        raise RuntimeError(f"{self.name}: timed out; saw {[m['msg_type'] for m in seen]}")

    def drain(self):
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                return


def comm_id_of(msgs, model):
    for m in msgs:
        if m["msg_type"] != "comm_open":
            continue
        data = m["content"]["data"]
        state = data.get("state", data)
        if state.get("_model_name") == model:
            return m["content"]["comm_id"]
    raise RuntimeError(f"no {model} opened")


def stats(xs):
    xs = sorted(xs)
    return statistics.median(xs), xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def ms(x):
    return f"{1000 * x:7.1f}"


LINGO_TRIVIAL = '''import "github.com/lingo-nlp/lingo/plots/widgets"
k := widgets.NewIntSlider(widgets.Int{Label: "k", Min: 1, Max: 50, Value: 3})
widgets.Interact(func(k int) string { return strings.Repeat("*", k) }, k)'''

PY_TRIVIAL = '''import ipywidgets as w
k = w.IntSlider(value=3, min=1, max=50)
w.interact(lambda k: "*" * k, k=k)
None'''


def trivial_round(kern, slider, value, lingo):
    want = "*" * value
    mid = kern.send("comm_msg", {"comm_id": slider, "data": {"method": "backbone", "sync_data": {"value": value}, "buffer_keys": []}})
    t0 = time.perf_counter()
    if lingo:
        kern.until(lambda m: m["msg_type"] == "update_display_data" and m["content"]["data"].get("text/plain") == want)
    else:
        kern.until(lambda m: m["msg_type"] == "display_data" and m["content"]["data"].get("text/plain") == repr(want))
    dt = time.perf_counter() - t0
    # The kernel's status for the comm_msg; then nothing more is pending.
    kern.drain()
    return dt


def trivial():
    kernels = [Kernel("lingo"), Kernel("python3")]
    try:
        sliders = []
        for kern in kernels:
            # What the classic Notebook does when it connects: the version comm.
            kern.send("comm_open", {"comm_id": "bench-version", "target_name": "jupyter.widget.version", "data": {}})
            kern.until(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == "bench-version")
            kern.send("comm_msg", {"comm_id": "bench-version", "data": {"validated": True, "frontend_version": "2.1.4"}})
            msgs = kern.run(LINGO_TRIVIAL if kern.name == "lingo" else PY_TRIVIAL)
            sliders.append(comm_id_of(msgs, "IntSliderModel"))
            kern.drain()
        times = {k.name: [] for k in kernels}
        for i in range(ROUNDS + 2):
            for kern, slider in zip(kernels, sliders):
                dt = trivial_round(kern, slider, 4 + i % 20, kern.name == "lingo")
                if i >= 2:  # two warm-up rounds
                    times[kern.name].append(dt)
        return times
    finally:
        for k in kernels:
            k.close()


def lesson06_cells():
    """The data cell of lesson 06 and its sampling Interact cell, with the
    Transformer defined and trained as in the lesson (CI steps)."""
    with open(os.path.join(ROOT, "notebooks", "06-transformer-lm.ipynb")) as f:
        nb = json.load(f)
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    data = next(c for c in cells if "lm.NewVocab" in c)
    demo = next(c for c in cells if "widgets.Interact" in c and "temperature" in c)
    model = next(c for c in cells if "lm.NewTransformer" in c)
    return data, model, demo


TIMED_DEMO_PRELUDE = '''parts := map[string][]time.Duration{}
lap := func(name string, t0 time.Time) time.Time { now := time.Now(); parts[name] = append(parts[name], now.Sub(t0)); return now }
'''


def instrument(demo):
    """Adds timing of the parts of the Interact function of lesson 06's demo."""
    demo = demo.replace("\ts := lm.Sampling{", "\tt0 := time.Now()\n\ts := lm.Sampling{", 1)
    demo = demo.replace("\tq := s.Filter(dist)", "\tt0 = lap(\"next-character distribution (NextTokens)\", t0)\n\tq := s.Filter(dist)", 1)
    demo = demo.replace("\treturn widgets.Stack(chart, tr.Generate(ids, 120, s))",
                        "\tcb := plots.Render(chart)\n\tt0 = lap(\"filter + bar chart to SVG\", t0)\n"
                        "\tg := tr.Generate(ids, 120, s)\n\tt0 = lap(\"Generate 120 characters\", t0)\n"
                        "\tb := widgets.Stack(cb, g)\n\tlap(\"Stack (HTML of both)\", t0)\n\treturn b", 1)
    if demo.count("lap(") != 4:
        raise RuntimeError("lesson 06's demo cell changed; update instrument()")
    return TIMED_DEMO_PRELUDE + demo


def sampling():
    kern = Kernel("lingo", env=dict(os.environ, LINGO_SCALE="ci"))
    try:
        data, model, demo = lesson06_cells()
        kern.run(data)
        kern.run(model)
        msgs = kern.run(instrument(demo))
        slider = None
        for m in msgs:
            if m["msg_type"] == "comm_open" and m["content"]["data"].get("state", {}).get("description") == "temperature":
                slider = m["content"]["comm_id"]
        if slider is None:
            raise RuntimeError("no temperature slider")
        kern.drain()
        total, echo = [], []
        for i in range(ROUNDS + 2):
            value = 0.5 if i % 2 == 0 else 1.5
            mid = kern.send("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})
            t0 = time.perf_counter()
            e, _ = kern.until(lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == mid)
            t_echo = time.perf_counter() - t0
            kern.until(lambda m: m["msg_type"] == "update_display_data" and f"T = {value:.2f}" in m["content"]["data"].get("text/plain", ""))
            t_total = time.perf_counter() - t0
            kern.drain()
            if i >= 2:
                total.append(t_total)
                echo.append(t_echo)
        out = kern.run('for _, name := range []string{"next-character distribution (NextTokens)", "filter + bar chart to SVG", '
                       '"Generate 120 characters", "Stack (HTML of both)"} {\n'
                       '\tds := parts[name][2:]\n\tsort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })\n'
                       '\tfmt.Printf("%s\\t%.6f\\n", name, ds[len(ds)/2].Seconds())\n}')
        parts = {}
        for line in "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream").splitlines():
            name, sec = line.split("\t")
            parts[name] = float(sec)
        return total, echo, parts
    finally:
        kern.close()


def main():
    print(f"widget latency, {ROUNDS} slider changes per row (ms; p50 and p95)\n")
    times = trivial()
    l50, l95 = stats(times["lingo"])
    p50, p95 = stats(times["python3"])
    print("trivial Interact, protocol-1 messages, rounds interleaved:")
    print(f"  {'kernel':34} {'p50':>7} {'p95':>7}")
    print(f"  {'lingo (Go, 25 ms debounce)':34} {ms(l50)} {ms(l95)}")
    print(f"  {'python3 (ipykernel + ipywidgets 6)':34} {ms(p50)} {ms(p95)}")
    print(f"  ratio lingo/python3 p50: {l50 / p50:.2f}\n")

    total, echo, parts = sampling()
    t50, t95 = stats(total)
    e50, e95 = stats(echo)
    print("lesson 06 sampling demo (lingo, protocol 2.1): temperature moved -> chart and sample redrawn")
    print(f"  {'slider change -> update_display_data':48} {ms(t50)} {ms(t95)}")
    print(f"  {'  of which the comm round trip (echo_update)':48} {ms(e50)} {ms(e95)}")
    print(f"  {'  Interact debounce (Options.Debounce)':48} {ms(0.025)}")
    inside = 0
    for name, sec in parts.items():
        inside += sec
        print(f"  {'  ' + name:48} {ms(sec)}")
    rest = t50 - e50 - 0.025 - inside
    print(f"  {'  rest: scheduling, publishing the display':48} {ms(rest)}")
    print(f"\n  p50 target 200 ms: {'met' if t50 <= 0.2 else 'NOT met'}")


if __name__ == "__main__":
    main()
