"""Comms and Jupyter widgets through Debian's jupyter_client, against the
installed "lingo" kernel: comm_open/comm_msg/comm_close both ways with
binary buffers, comm_info by target, comm messages handled while a cell
runs, comms closed when a cell runs again or the worker dies, and the
widget messages on the wire validated with Debian's python3-jsonschema
against plots/widgets/testdata/spec (messages.schema.json, the view
schemas). Run with /usr/bin/python3."""
import json
import os
import queue
import time
import unittest

import jsonschema
import jupyter_client

TIMEOUT = 300
HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "..", "..", "plots", "widgets", "testdata", "spec")


def load_spec(name):
    with open(os.path.join(SPEC, name)) as f:
        return json.load(f)


MESSAGES = load_spec("messages.schema.json")


def check(definition, value):
    """Validates value against a definition of messages.schema.json."""
    schema = {"$ref": "#/definitions/" + definition, "definitions": MESSAGES["definitions"]}
    jsonschema.Draft7Validator(schema).validate(value)


class Session(unittest.TestCase):
    """A fresh kernel per test class, driven like a front end."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = jupyter_client.manager.start_new_kernel(kernel_name="lingo", startup_timeout=180)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def setUp(self):
        self.pending = []  # iopub messages read while waiting for something else

    def iopub(self, timeout):
        if self.pending:
            return self.pending.pop(0)
        return self.kc.get_iopub_msg(timeout=timeout)

    def run_cell(self, code, cell_id=None, during=None):
        """Runs code; during(msg_id) is called once the cell is busy. Returns
        the reply content and every iopub message up to the cell's idle,
        whatever its parent."""
        meta = {"cellId": cell_id} if cell_id else {}
        msg = self.kc.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                      "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}, metadata=meta)
        self.kc.shell_channel.send(msg)
        mid = msg["header"]["msg_id"]
        msgs, called = [], False
        deadline = time.time() + TIMEOUT
        while True:
            m = self.iopub(max(1, deadline - time.time()))
            msgs.append(m)
            own = m["parent_header"].get("msg_id") == mid
            if own and m["msg_type"] == "execute_input" and during and not called:
                called = True
                during(mid)
            if own and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        reply = self.shell_reply(mid)
        return reply["content"], msgs

    def ok(self, code, **kw):
        reply, msgs = self.run_cell(code, **kw)
        errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(reply["status"], "ok", f"{code!r}: {errs}")
        return msgs

    def shell_reply(self, msg_id):
        deadline = time.time() + TIMEOUT
        while True:
            reply = self.kc.get_shell_msg(timeout=max(1, deadline - time.time()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def send_comm(self, msg_type, content, buffers=None):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers)
        return msg["header"]["msg_id"]

    def until(self, pred, what):
        """Reads iopub until pred(msg) holds; returns that message and the ones before."""
        seen = []
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                m = self.iopub(1)
            except queue.Empty:
                continue
            seen.append(m)
            if pred(m):
                return m, seen
        self.fail(f"no {what} within 60 s; saw {[x['msg_type'] for x in seen]}")

    def comm_info(self, target=None):
        mid = self.kc.comm_info(target_name=target) if target else self.kc.comm_info()
        return self.shell_reply(mid)["content"]["comms"]

    @staticmethod
    def stdout(msgs):
        return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


ECHO = '''
import "github.com/lingo-nlp/lingo/plots/comm"
comm.RegisterTarget("lingo.echo", func(c *comm.Comm, m comm.Message) {
	c.OnMessage(func(m comm.Message) { c.Reply(m, m.Data, m.Buffers) })
})
'''


class TestComms(Session):
    def test_kernel_opens_sends_and_closes(self):
        msgs = self.ok('import "github.com/lingo-nlp/lingo/plots/comm"\n'
                       'kc, _ := comm.Open("lingo.test", map[string]int{"a": 1}, nil, [][]byte{[]byte("raw")})\n'
                       'kc.Send(map[string]string{"hello": "front end"}, nil)')
        opens = [m for m in msgs if m["msg_type"] == "comm_open"]
        self.assertEqual(len(opens), 1)
        o = opens[0]
        check("comm.open", o["content"])
        self.assertEqual((o["content"]["target_name"], o["content"]["data"]), ("lingo.test", {"a": 1}))
        self.assertEqual([bytes(b) for b in o["buffers"]], [b"raw"])
        cid = o["content"]["comm_id"]
        sent = [m for m in msgs if m["msg_type"] == "comm_msg"]
        self.assertEqual(sent[0]["content"], {"comm_id": cid, "data": {"hello": "front end"}})
        self.assertIn(cid, self.comm_info())
        self.assertEqual(self.comm_info("lingo.test"), {cid: {"target_name": "lingo.test"}})
        self.assertNotIn(cid, self.comm_info("lingo.other"))
        msgs = self.ok("kc.Close(nil)")
        closes = [m for m in msgs if m["msg_type"] == "comm_close"]
        self.assertEqual([c["content"]["comm_id"] for c in closes], [cid])
        check("comm.close", closes[0]["content"])
        self.assertNotIn(cid, self.comm_info())

    def test_front_end_round_trip_with_buffers(self):
        self.ok(ECHO)
        self.send_comm("comm_open", {"comm_id": "fe-echo", "target_name": "lingo.echo", "data": {}})
        self.assertEqual(self.comm_info("lingo.echo"), {"fe-echo": {"target_name": "lingo.echo"}})
        blob = bytes(range(256))
        mid = self.send_comm("comm_msg", {"comm_id": "fe-echo", "data": {"x": [1, 2]}}, buffers=[blob, b""])
        echo, _ = self.until(lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == mid, "echo")
        check("comm.msg", echo["content"])
        self.assertEqual(echo["content"]["data"], {"x": [1, 2]})
        self.assertEqual([bytes(b) for b in echo["buffers"]], [blob, b""])
        self.send_comm("comm_close", {"comm_id": "fe-echo", "data": {}})
        self.assertEqual(self.comm_info("lingo.echo"), {})

    def test_unknown_target_is_closed(self):
        mid = self.send_comm("comm_open", {"comm_id": "fe-nobody", "target_name": "lingo.nobody", "data": {}})
        m, _ = self.until(lambda m: m["msg_type"] == "comm_close" and m["content"]["comm_id"] == "fe-nobody", "comm_close")
        self.assertEqual(m["parent_header"].get("msg_id"), mid)
        self.assertNotIn("fe-nobody", self.comm_info())

    def test_message_reaches_a_running_cell(self):
        # The cell waits for a message that can only come from the front end
        # while it runs.
        self.ok(ECHO + 'got := make(chan string, 1)\n'
                'comm.RegisterTarget("lingo.feed", func(c *comm.Comm, m comm.Message) {\n'
                '\tc.OnMessage(func(m comm.Message) { got <- string(m.Data) })\n'
                '})')

        def feed(_):
            self.send_comm("comm_open", {"comm_id": "fe-feed", "target_name": "lingo.feed", "data": {}})
            self.send_comm("comm_msg", {"comm_id": "fe-feed", "data": {"lr": 0.5}})

        msgs = self.ok('select {\ncase s := <-got:\n\tfmt.Println("training loop saw", s)\n'
                       'case <-time.After(60 * time.Second):\n\tfmt.Println("nothing came")\n}', during=feed)
        self.assertEqual(self.stdout(msgs), 'training loop saw {"lr":0.5}\n')

    def test_cell_run_again_closes_its_comms(self):
        code = 'import "github.com/lingo-nlp/lingo/plots/comm"\nrerun, _ := comm.Open("lingo.rerun", nil, nil, nil)'
        first = [m["content"]["comm_id"] for m in self.ok(code, cell_id="cell-rerun") if m["msg_type"] == "comm_open"]
        msgs = self.ok(code, cell_id="cell-rerun")
        closed = [m["content"]["comm_id"] for m in msgs if m["msg_type"] == "comm_close"]
        self.assertEqual(closed, first)
        self.assertEqual(len(self.comm_info("lingo.rerun")), 1)
        # Without a cell id (the classic Notebook sends none) the same code is the same cell.
        self.ok(code)
        self.ok(code)
        self.assertEqual(len(self.comm_info("lingo.rerun")), 2)  # cell-rerun's and the id-less cell's


class TestWidgets(Session):
    """Protocol 2.1: what a kernel says to JupyterLab 4 / Notebook 7."""

    def test_interact_messages_and_redraw(self):
        msgs = self.ok('import "github.com/lingo-nlp/lingo/plots/widgets"\n'
                       'k := widgets.NewIntSlider(widgets.Int{Label: "k", Min: 1, Max: 10, Value: 3})\n'
                       'on := widgets.NewCheckbox("upper", false)\n'
                       'widgets.Interact(func(k int, up bool) string { s := strings.Repeat("ab", k); if up { s = strings.ToUpper(s) }; return s }, k, on)')
        view = load_spec("view.v2.schema.json")
        models = {}
        for m in msgs:
            if m["msg_type"] == "comm_open":
                check("comm.open", m["content"])
                check("v2.open.data", m["content"]["data"])
                check("v2.open.metadata", m["metadata"])
                models[m["content"]["data"]["state"]["_model_name"]] = m["content"]["comm_id"]
        self.assertTrue({"IntSliderModel", "CheckboxModel", "VBoxModel", "LayoutModel", "SliderStyleModel"} <= set(models), models)
        displays = [m for m in msgs if m["msg_type"] == "display_data"]
        views = [d for d in displays if "application/vnd.jupyter.widget-view+json" in d["content"]["data"]]
        self.assertEqual(len(views), 1)
        v = views[0]["content"]["data"]["application/vnd.jupyter.widget-view+json"]
        jsonschema.validate(v, view)
        check("v2.view", v)
        self.assertEqual(v["model_id"], models["VBoxModel"])
        result = [d for d in displays if d["content"]["data"].get("text/plain") == "ababab"]
        self.assertEqual(len(result), 1)
        display_id = result[0]["content"]["transient"]["display_id"]

        # The front end moves the slider: echo_update answers that message,
        # and the result is redrawn in place.
        mid = self.send_comm("comm_msg", {"comm_id": models["IntSliderModel"],
                                          "data": {"method": "update", "state": {"value": 5}, "buffer_paths": []}})
        upd, seen = self.until(lambda m: m["msg_type"] == "update_display_data", "update_display_data")
        self.assertEqual(upd["content"]["data"]["text/plain"], "ababababab")
        self.assertEqual(upd["content"]["transient"]["display_id"], display_id)
        echoes = [m for m in seen if m["msg_type"] == "comm_msg" and m["content"]["data"].get("method") == "echo_update"]
        self.assertEqual(len(echoes), 1)
        check("v2.echo_update", echoes[0]["content"]["data"])
        self.assertEqual(echoes[0]["parent_header"]["msg_id"], mid)
        self.assertEqual(echoes[0]["content"]["data"]["state"], {"value": 5})
        # Busy and idle frame the comm message, as for any request.
        states = [m["content"]["execution_state"] for m in seen if m["msg_type"] == "status" and m["parent_header"].get("msg_id") == mid]
        self.assertEqual(states[:2], ["busy", "idle"])

        self.send_comm("comm_msg", {"comm_id": models["CheckboxModel"],
                                    "data": {"method": "update", "state": {"value": True}, "buffer_paths": []}})
        upd, _ = self.until(lambda m: m["msg_type"] == "update_display_data", "second update_display_data")
        self.assertEqual(upd["content"]["data"]["text/plain"], "ABABABABAB")
        msgs = self.ok("k.Value()")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["5"])

        # request_state is answered with the full state.
        mid = self.send_comm("comm_msg", {"comm_id": models["IntSliderModel"], "data": {"method": "request_state"}})
        full, _ = self.until(lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == mid, "request_state reply")
        check("v2.update", full["content"]["data"])
        self.assertEqual(full["content"]["data"]["state"]["value"], 5)
        self.assertEqual(full["content"]["data"]["state"]["_model_name"], "IntSliderModel")

    def test_running_cell_sees_slider(self):
        # A training loop reads a slider the student moves while it runs.
        msgs = self.ok('import "github.com/lingo-nlp/lingo/plots/widgets"\n'
                       'rate := widgets.NewFloatSlider(widgets.Float{Label: "rate", Min: 0, Max: 1, Value: 0.5})\n'
                       'changes := rate.Changes()')
        slider = [m["content"]["comm_id"] for m in msgs if m["msg_type"] == "comm_open"
                  and m["content"]["data"]["state"]["_model_name"] == "FloatSliderModel"][0]

        def move(_):
            self.send_comm("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": 0.25}, "buffer_paths": []}})

        msgs = self.ok('got := -1.0\nfor step := 0; step < 6000 && got < 0; step++ {\n'
                       '\tselect {\n\tcase r := <-changes:\n\t\tgot = r\n\tcase <-time.After(10 * time.Millisecond): // a training step\n\t}\n}\n'
                       'fmt.Println("rate", got, rate.Value())', during=move)
        self.assertEqual(self.stdout(msgs), "rate 0.25 0.25\n")

    def test_control_comm_fetches_all_states(self):
        self.ok('import "github.com/lingo-nlp/lingo/plots/widgets"\nmark := widgets.NewText("t", "fetch me")')
        self.send_comm("comm_open", {"comm_id": "fe-ctl", "target_name": "jupyter.widget.control", "data": {}})
        mid = self.send_comm("comm_msg", {"comm_id": "fe-ctl", "data": {"method": "request_states"}})
        m, _ = self.until(lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == mid, "update_states")
        check("control.update_states", m["content"]["data"])
        values = [s["state"].get("value") for s in m["content"]["data"]["states"].values()]
        self.assertIn("fetch me", values)
        self.send_comm("comm_close", {"comm_id": "fe-ctl", "data": {}})

    def test_worker_death_closes_widgets(self):
        opened = [m["content"]["comm_id"] for m in self.ok('import "github.com/lingo-nlp/lingo/plots/widgets"\n'
                                                           'doomed := widgets.NewButton("doomed")') if m["msg_type"] == "comm_open"]
        reply, msgs = self.run_cell("os.Exit(3)")
        self.assertEqual(reply["status"], "error")
        closed = {m["content"]["comm_id"] for m in msgs if m["msg_type"] == "comm_close"}
        if not set(opened) <= closed:  # the closes may trail the cell's idle
            _, more = self.until(lambda m: m["msg_type"] == "comm_close" and m["content"]["comm_id"] in opened, "comm_close")
            closed |= {m["content"]["comm_id"] for m in more if m["msg_type"] == "comm_close"}
        self.assertLessEqual(set(opened), closed)
        for cid in opened:
            self.assertNotIn(cid, self.comm_info())


class TestProtocol1(Session):
    """Protocol 1: what Debian 12's classic Notebook with jupyter-js-widgets
    2.1.4 sends when it connects, and what the kernel then says."""

    def test_version_comm_then_protocol1_messages(self):
        self.send_comm("comm_open", {"comm_id": "fe-version", "target_name": "jupyter.widget.version", "data": {}})
        m, _ = self.until(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == "fe-version", "version")
        check("version.kernel", m["content"]["data"])
        self.assertEqual(m["content"]["data"], {"version": "~2.1.4"})
        self.send_comm("comm_msg", {"comm_id": "fe-version", "data": {"validated": True, "frontend_version": "2.1.4"}})

        reply, msgs = self.run_cell('import "github.com/lingo-nlp/lingo/plots/widgets"\n'
                                    'k := widgets.NewIntSlider(widgets.Int{Label: "k", Min: 1, Max: 10, Value: 3})\nk')
        self.assertEqual(reply["status"], "ok")
        view = load_spec("view.v1.schema.json")
        cell = [m for m in msgs if m["msg_type"] == "execute_input"][0]["parent_header"]["msg_id"]
        slider = None
        for m in msgs:
            if m["msg_type"] == "comm_open":
                check("v1.open.data", m["content"]["data"])
                self.assertNotIn("version", m["metadata"])
                if m["content"]["data"]["_model_name"] == "IntSliderModel":
                    slider = m["content"]["comm_id"]
                    self.assertEqual(m["content"]["data"]["_model_module_version"], "~2.1.4")
                    self.assertEqual(m["content"]["data"]["msg_throttle"], 1)
        self.assertIsNotNone(slider)
        shows = [m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["data"] == {"method": "display"}]
        self.assertEqual([s["content"]["comm_id"] for s in shows], [slider])
        self.assertEqual(shows[0]["parent_header"]["msg_id"], cell)  # so the Notebook finds the cell
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(list(results[0]["content"]["data"]), ["application/vnd.jupyter.widget-view+json"])
        jsonschema.validate(results[0]["content"]["data"]["application/vnd.jupyter.widget-view+json"], view)

        # The Notebook's slider sends backbone; the kernel does not echo.
        self.send_comm("comm_msg", {"comm_id": slider, "data": {"method": "backbone", "sync_data": {"value": 8}, "buffer_keys": []}})
        msgs = self.ok("k.Value()")
        self.assertEqual([m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"], ["8"])
        self.assertFalse([m for m in msgs if m["msg_type"] == "comm_msg" and "echo_update" in json.dumps(m["content"])])


class TestSavedState(unittest.TestCase):
    """lingo run and nbclient save the widgets' last state in the notebook's
    metadata, valid against state.schema.json version 2, and lingo run
    --html shows it as static controls."""

    CELLS = [
        'import "github.com/lingo-nlp/lingo/plots/widgets"\n'
        'k := widgets.NewIntSlider(widgets.Int{Label: "top-k", Min: 1, Max: 50, Value: 10})\n'
        'ia := widgets.Interact(func(k int) string { return strings.Repeat("#", k) }, k)',
        "k.SetValue(17) // what moving the slider does\nia.Wait()",
    ]

    def notebook(self):
        import nbformat
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}
        nb.cells = [nbformat.v4.new_code_cell(c) for c in self.CELLS]
        return nb

    def check_state(self, nb):
        import nbformat
        nbformat.validate(nb)
        saved = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
        jsonschema.validate(saved, load_spec("state.v2.schema.json"))
        sliders = [m for m in saved["state"].values() if m["model_name"] == "IntSliderModel"]
        self.assertEqual([m["state"]["value"] for m in sliders], [17])
        return saved

    def test_lingo_run_saves_state_and_html_shows_it(self):
        import nbformat
        import subprocess
        import tempfile
        d = tempfile.mkdtemp()
        src, out, page = (os.path.join(d, n) for n in ("w.ipynb", "out.ipynb", "out.html"))
        nbformat.write(self.notebook(), src)
        subprocess.run(["lingo", "run", src, "-o", out, "--html", page], check=True, timeout=TIMEOUT,
                       env=dict(os.environ, PATH=os.path.expanduser("~/.local/bin") + ":" + os.environ["PATH"]))
        nb = nbformat.read(out, as_version=4)
        self.check_state(nb)
        with open(page) as f:
            html = f.read()
        self.assertIn('<input type="range" min="1" max="50" step="1" value="17" disabled><output>17</output>', html)
        self.assertIn("#" * 17, html)  # the result redrawn by the second cell

    def test_nbclient_saves_state(self):
        from nbclient import NotebookClient
        nb = self.notebook()
        NotebookClient(nb, timeout=TIMEOUT, kernel_name="lingo").execute()
        self.check_state(nb)


if __name__ == "__main__":
    unittest.main()
