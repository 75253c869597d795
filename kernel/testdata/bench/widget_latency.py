"""Widget latency through the real Jupyter protocol: a slider change sent as a
front end sends it, until the redrawn result arrives on iopub.

Usage (Debian's python3-jupyter-client; lingo installed as the kernelspec
"lingo"; Debian's python3-ipykernel and python3-ipywidgets for the peer):

    /usr/bin/python3 kernel/testdata/bench/widget_latency.py [ROUNDS]

Two scenarios, ROUNDS (default 30) slider changes each, one change at a time
(the next is sent once the previous one's redraw has arrived):

  trivial   Interact of a function returning "*" * k, driven with protocol-1
            messages (what Debian's classic Notebook sends: the version comm,
            then "backbone" updates), rounds interleaved between lingo with
            Interact's default Debounce (25 ms: a change after a quiet spell
            runs at once, later ones within 25 ms of a run wait), lingo with
            a 1 ms Debounce, and
            the peer, IPython (ipykernel 6.17) with ipywidgets 6.0.0's
            interact. Timed: comm_msg sent -> the result's display arrives
            (lingo: update_display_data; ipywidgets: display_data).
  sampling  lingo only: lesson 06's sampling demo (the Interact cell of
            notebooks/06-transformer-lm.ipynb, run on the lesson's
            Transformer, 2 blocks of width 64, trained for the lesson's CI
            steps; the same size as at full scale), driven with protocol 2.1
            messages (JupyterLab's): temperature moved, comm_msg sent -> the
            redrawn chart (the first update_display_data), and -> the sample
            (the second). Also timed: the echo_update (the comm round trip
            alone), and, inside the kernel, each part of the function.

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
        kw = {"env": env} if env is not None else {}
        self.km, self.kc = start_new_kernel(kernel_name=name, startup_timeout=180, **kw)

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
widgets.InteractWith(widgets.Options{Debounce: DEBOUNCE}, func(k int) string { return strings.Repeat("*", k) }, k)'''

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
    kernels = [Kernel("lingo"), Kernel("lingo"), Kernel("python3")]
    labels = ["lingo (Go, Debounce 25 ms)", "lingo (Go, Debounce 1 ms)", "python3 (ipykernel + ipywidgets 6)"]
    debounce = ["25 * time.Millisecond", "time.Millisecond", None]
    try:
        sliders = []
        for kern, d in zip(kernels, debounce):
            if kern.name != "lingo":
                kern.run("import ipywidgets")  # registers ipywidgets' comm targets
            # What the classic Notebook does when it connects: the version comm.
            kern.send("comm_open", {"comm_id": "bench-version", "target_name": "jupyter.widget.version", "data": {}})
            kern.until(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == "bench-version")
            kern.send("comm_msg", {"comm_id": "bench-version", "data": {"validated": True, "frontend_version": "2.1.4"}})
            msgs = kern.run(LINGO_TRIVIAL.replace("DEBOUNCE", d) if d else PY_TRIVIAL)
            sliders.append(comm_id_of(msgs, "IntSliderModel"))
            kern.drain()
        times = {label: [] for label in labels}
        for i in range(ROUNDS + 2):
            for kern, slider, label in zip(kernels, sliders, labels):
                dt = trivial_round(kern, slider, 4 + i % 20, kern.name == "lingo")
                if i >= 2:  # two warm-up rounds
                    times[label].append(dt)
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
    # The function body's indentation as the lesson writes it (tab or spaces).
    line = next((l for l in demo.splitlines() if "s := lm.Sampling{" in l), "")
    ind = line[: len(line) - len(line.lstrip())] or "\t"
    steps = [
        ("\ts := lm.Sampling{", "\tt0 := time.Now()\n\ts := lm.Sampling{"),
        ("\tq := s.Filter(dist)", "\tt0 = lap(\"next-character distribution (NextTokens)\", t0)\n\tq := s.Filter(dist)"),
        ("\tcb := plots.Render(chart)\n", "\tcb := plots.Render(chart)\n\tt0 = lap(\"filter + bar chart to SVG\", t0)\n"),
        ("\tplots.Update(area, widgets.Stack(cb, tr.Generate(ids, 120, s)))",
         "\tt0 = lap(\"send the chart (plots.Update)\", t0)\n\tg := tr.Generate(ids, 120, s)\n"
         "\tt0 = lap(\"Generate 120 characters\", t0)\n\tplots.Update(area, widgets.Stack(cb, g))"),
    ]
    for old, new in steps:
        old, new = old.replace("\t", ind), new.replace("\t", ind)
        if old not in demo:
            raise RuntimeError(f"lesson 06's demo cell changed; update instrument() ({old!r})")
        demo = demo.replace(old, new, 1)
    return TIMED_DEMO_PRELUDE + demo


PARTS = ["next-character distribution (NextTokens)", "filter + bar chart to SVG", "send the chart (plots.Update)", "Generate 120 characters"]


def sampling():
    kern = Kernel("lingo", env=dict(os.environ, LINGO_SCALE="ci"))  # the lesson's CI training steps
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
        plot, full, echo = [], [], []
        for i in range(ROUNDS + 2):
            value = 0.5 if i % 2 == 0 else 1.5
            title = f"T = {value:.2f}"
            mid = kern.send("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})
            t0 = time.perf_counter()
            kern.until(lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == mid)
            t_echo = time.perf_counter() - t0
            kern.until(lambda m: m["msg_type"] == "update_display_data" and title in m["content"]["data"].get("text/plain", ""))
            t_plot = time.perf_counter() - t0
            kern.until(lambda m: m["msg_type"] == "update_display_data" and title in m["content"]["data"].get("text/plain", "")
                       and "sampling…" not in m["content"]["data"].get("text/plain", ""))
            t_full = time.perf_counter() - t0
            kern.drain()
            if i >= 2:
                plot.append(t_plot)
                full.append(t_full)
                echo.append(t_echo)
        names = ", ".join(f'"{p}"' for p in PARTS)
        out = kern.run('for _, name := range []string{' + names + '} {\n'
                       '\tds := parts[name][2:]\n\tsort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })\n'
                       '\tfmt.Printf("%s\\t%.6f\\n", name, ds[len(ds)/2].Seconds())\n}')
        parts = {}
        for line in "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream").splitlines():
            name, sec = line.split("\t")
            parts[name] = float(sec)
        return plot, full, echo, parts
    finally:
        kern.close()


def main():
    print(f"widget latency, {ROUNDS} slider changes per row (ms; p50 and p95)\n")
    times = trivial()
    print("trivial Interact, protocol-1 messages, rounds interleaved:")
    print(f"  {'kernel':36} {'p50':>7} {'p95':>7} {'p50 / python3':>14}")
    py50, _ = stats(times["python3 (ipykernel + ipywidgets 6)"])
    for label, xs in times.items():
        a, b = stats(xs)
        print(f"  {label:36} {ms(a)} {ms(b)} {a / py50:14.2f}")
    print()

    plot, full, echo, parts = sampling()
    p50_, p95_ = stats(plot)
    f50, f95 = stats(full)
    e50, e95 = stats(echo)
    print("lesson 06 sampling demo (lingo, protocol 2.1): temperature moved -> redrawn")
    print(f"  {'slider change -> chart redrawn (1st update)':48} {ms(p50_)} {ms(p95_)}")
    print(f"  {'slider change -> sample shown (2nd update)':48} {ms(f50)} {ms(f95)}")
    print("  where the time to the chart goes (p50):")
    print(f"  {'  comm round trip (echo_update)':48} {ms(e50)}")
    inside = 0
    for name in PARTS[:3]:
        inside += parts[name]
        print(f"  {'  ' + name:48} {ms(parts[name])}")
    print(f"  {'  rest: scheduling, the kernel publishing it':48} {ms(p50_ - e50 - inside)}")
    print(f"  and then {PARTS[3]}: {ms(parts[PARTS[3]]).strip()} ms")
    print(f"\n  p50 target 200 ms for the redrawn plot: {'met' if p50_ <= 0.2 else 'NOT met'}")


if __name__ == "__main__":
    main()
