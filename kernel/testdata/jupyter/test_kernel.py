"""Behaviour of the installed "lingo" kernel through Debian's jupyter_client:
state kept across cells, interrupts, crash isolation, signatures, displays,
stdin, stop_on_error. Run with /usr/bin/python3."""
import json
import os
import queue
import tempfile
import time
import unittest

import jupyter_client
import zmq
from jupyter_client.session import Session

TIMEOUT = 300


class KernelCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = jupyter_client.manager.start_new_kernel(kernel_name="lingo", startup_timeout=120)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def run_cell(self, code, allow_stdin=False, stdin_answer=None, interrupt_on=None, interrupt_at_start=False, stop_on_error=True):
        """Runs code and returns the reply's content and the cell's iopub
        messages. interrupt_on: interrupt once stdout contains this text (so
        the interrupt is known to reach running code, whatever the load);
        interrupt_at_start: interrupt as soon as the kernel has taken the
        request (its execute_input), that is while the cell compiles. (An
        interrupt sent right after the request may overtake it: they travel
        on different sockets.)"""
        kc = self.kc
        msg_id = kc.execute(code, allow_stdin=allow_stdin, stop_on_error=stop_on_error)
        msgs = []
        t0 = time.time()
        interrupted = False
        while True:
            if interrupt_on is not None and not interrupted and interrupt_on in self.stdout(msgs):
                self.km.interrupt_kernel()
                interrupted = True
            if stdin_answer is not None:
                try:
                    m = kc.get_stdin_msg(timeout=0.05)
                    if m["msg_type"] == "input_request":
                        kc.input(stdin_answer)
                except queue.Empty:
                    pass
            try:
                m = kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                if time.time() - t0 > TIMEOUT:
                    self.fail("cell timed out: " + code)
                continue
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            msgs.append(m)
            if interrupt_at_start and not interrupted and m["msg_type"] == "execute_input":
                self.km.interrupt_kernel()
                interrupted = True
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        reply = self.shell_reply(msg_id)
        return reply["content"], msgs

    def shell_reply(self, msg_id):
        """The shell reply to msg_id. Replies to other requests are skipped:
        on a loaded machine jupyter_client's wait_for_ready sends kernel_info
        more than once and reads only one reply, leaving the others queued."""
        deadline = time.time() + TIMEOUT
        while True:
            reply = self.kc.get_shell_msg(timeout=max(1, deadline - time.time()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply
            self.assertEqual(reply["msg_type"], "kernel_info_reply", f"unexpected reply {reply['msg_type']} to another request")

    def ok(self, code, **kw):
        reply, msgs = self.run_cell(code, **kw)
        errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(reply["status"], "ok", f"{code!r}: {errs}")
        return msgs

    @staticmethod
    def stdout(msgs):
        return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    @staticmethod
    def result(msgs):
        rs = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
        return rs[-1] if rs else None


class TestState(KernelCase):
    def test_state_persists(self):
        self.ok("m := map[string]int{}")
        self.ok('type counter struct{ name string; n int }\n'
                'func bump(m map[string]int, c counter) { m[c.name] += c.n }')
        self.ok('bump(m, counter{"a", 2})\nbump(m, counter{name: "a", n: 5})')
        msgs = self.ok('fmt.Println(m["a"])\nm')
        self.assertEqual(self.stdout(msgs), "7\n")
        self.assertEqual(self.result(msgs), "map[a:7]")

    def test_range_int_and_generics(self):
        self.ok("func Sum[T int | float64](xs ...T) T { var s T; for _, x := range xs { s += x }; return s }")
        msgs = self.ok("total := 0\nfor i := range 10 { total += i }\nfmt.Println(total, Sum(1.5, 2.5), Sum(1, 2, 3))")
        self.assertEqual(self.stdout(msgs), "45 4 6\n")

    def test_redefinition_same_type_is_assignment(self):
        self.ok("level := 1\nfunc showLevel() int { return level }")
        self.ok("level := 5")
        msgs = self.ok("showLevel()")
        self.assertEqual(self.result(msgs), "5")

    def test_go_get_any_module(self):
        # The session is a real Go module: %go get adds a module (from the
        # module proxy or the local module cache), then cells import it.
        self.ok("%go get github.com/google/uuid@v1.6.0")
        msgs = self.ok('import "github.com/google/uuid"\nid := uuid.NewString()\nlen(id)')
        self.assertEqual(self.result(msgs), "36")

    def test_magics(self):
        self.assertIn("%timeit", self.stdout(self.ok("%help")))
        self.assertRegex(self.stdout(self.ok('%timeit strings.Repeat("a", 10)')), r"per loop \(mean ± std. dev. of 7 runs, \d+ loops? each\)")
        self.assertIn("Wall time", self.stdout(self.ok("%time strings.Repeat(\"a\", 10)")))
        self.ok("%env LINGO_TEST_VAR=42")
        self.assertEqual(self.result(self.ok('os.Getenv("LINGO_TEST_VAR")')), "42")
        d = tempfile.mkdtemp()
        self.ok(f"%cd {d}")
        self.ok("%%writefile note.txt\nhello file\n")
        self.assertEqual(self.result(self.ok('b, _ := os.ReadFile("note.txt")\nstring(b)')), "hello file\n")
        self.assertIn("hello file", self.stdout(self.ok("!cat note.txt")))
        self.ok("forgetme := 1")
        self.assertIn("forgetme", self.stdout(self.ok("%who")))
        self.ok("%reset")
        self.assertNotIn("forgetme", self.stdout(self.ok("%who")))

    def test_error_results(self):
        # Issue 27 item 3: a (T, error) last expression shows T, or the error.
        self.assertEqual(self.result(self.ok('strconv.Atoi("12")')), "12")
        reply, msgs = self.run_cell('strconv.Atoi("twelve")')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "strconv.NumError")
        self.assertIsNone(self.result(msgs))
        self.assertIsNone(self.result(self.ok('fmt.Println("no (n, err) shown")')))

    def test_shell_command_interrupt(self):
        # Issue 27 item 4: an interrupt kills the shell command's processes.
        reply, _ = self.run_cell("!echo started; sleep 600", interrupt_on="started")
        self.assertEqual(reply["ename"], "Interrupted")

    def test_time_reports_compile_apart(self):
        # Issue 27 item 8: run time and compile time on their own lines.
        out = self.stdout(self.ok("%time x9 := 1"))
        self.assertRegex(out, r"^Wall time: [0-9.]+ (ns|µs|ms|s)\nCompiler : [0-9.]+ (ns|µs|ms|s)\n$")

    def test_cell_side_effects(self):
        # Issue 27 item 12: magics see what cells did; closing os.Stdout
        # does not silence later cells; a goroutine's late output is sent as
        # it comes, under its cell.
        d = os.path.realpath(tempfile.mkdtemp())
        self.ok(f"os.Chdir(`{d}`)\nos.Setenv(\"LINGO_PY_SIDE\", \"set in a cell\")")
        self.assertEqual(self.stdout(self.ok("!pwd")), d + "\n")
        self.assertEqual(self.stdout(self.ok("!echo $LINGO_PY_SIDE")), "set in a cell\n")
        self.ok("os.Stdout.Close()")
        self.assertEqual(self.stdout(self.ok('fmt.Println("still here")')), "still here\n")
        fifo = os.path.join(d, "fifo")
        os.mkfifo(fifo)
        code = f"go func() {{\n\tif f, err := os.Open(`{fifo}`); err == nil {{ f.Close() }}\n\tfmt.Println(\"late\")\n}}()"
        msg_id = self.kc.execute(code)
        self.shell_reply(msg_id)
        with open(fifo, "w"):  # meets the goroutine's open
            pass
        deadline = time.time() + TIMEOUT
        while True:
            m = self.kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream" and "late" in m["content"]["text"]:
                break

    def test_go_code_is_not_magic(self):
        # Issue 27 item 2: magics and statements are found from the parse,
        # not from line prefixes.
        self.assertEqual(self.stdout(self.ok("okv := true &&\n\t!false\nfmt.Println(okv)")), "true\n")
        self.assertEqual(self.stdout(self.ok("raw := `\n%time\n!ls\n`\nfmt.Print(raw)")), "\n%time\n!ls\n")
        self.assertEqual(self.stdout(self.ok("for i := 0; ; i++ {\n\tif i == 2 {\n\t\tfmt.Println(i)\n\t\tbreak\n\t}\n}")), "2\n")

    def test_message_order(self):
        _, msgs = self.run_cell('fmt.Println("x")\n41 + 1')
        types = [m["msg_type"] for m in msgs]
        self.assertEqual(types[0], "status")
        self.assertEqual(msgs[0]["content"]["execution_state"], "busy")
        self.assertEqual(types[1], "execute_input")
        self.assertEqual(types[-1], "status")
        self.assertLess(types.index("stream"), types.index("execute_result"))

    def test_update_display_replaces(self):
        msgs = self.ok('id := plots.Display(plots.Bundle{"text/plain": "step 1"})\nplots.Update(id, plots.Bundle{"text/plain": "step 2"})')
        disp = [m for m in msgs if m["msg_type"] == "display_data"]
        upd = [m for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(disp), 1)
        self.assertEqual(len(upd), 1)
        self.assertEqual(disp[0]["content"]["transient"]["display_id"], upd[0]["content"]["transient"]["display_id"])
        self.assertEqual(upd[0]["content"]["data"]["text/plain"], "step 2")

    def test_compile_error_points_at_cell_line(self):
        reply, msgs = self.run_cell('x := 1\ny := x + "a"\n_ = y')
        self.assertEqual(reply["status"], "error")
        errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(len(errs), 1)
        self.assertIn(":2:", errs[0]["evalue"])
        self.assertIn('y := x + "a"', "\n".join(errs[0]["traceback"]))

    def test_panic_traceback_has_cell_lines(self):
        self.ok("func explode(xs []int) int {\n\treturn xs[5]\n}")
        reply, msgs = self.run_cell("n := 1\nexplode([]int{n})")
        self.assertEqual(reply["status"], "error")
        err = [m["content"] for m in msgs if m["msg_type"] == "error"][-1]
        tb = "\n".join(err["traceback"])
        self.assertIn("index out of range", err["evalue"])
        # Issue 27 item 5: cells are named as the frontend shows them
        # (In [N] → cell[N]), without the compiler's internal names.
        self.assertRegex(tb, r"cell\[\d+\] line 2 in explode\n      return xs\[5\]")  # the declaring cell, with its line
        self.assertRegex(tb, r"cell\[\d+\] line 2\n      explode\(\[\]int\{n\}\)")   # the calling cell
        for internal in ("lingo.session", "Run", "ẞ", "+0x"):
            self.assertNotIn(internal, tb)
        msgs = self.ok("n + 1")                              # the session survives a panic
        self.assertEqual(self.result(msgs), "2")

    def test_stdin(self):
        msgs = self.ok('var name string\nfmt.Scanln(&name)\nfmt.Println("hello", name)', allow_stdin=True, stdin_answer="gopher")
        self.assertEqual(self.stdout(msgs), "hello gopher\n")

    def test_stop_on_error_aborts_queued(self):
        kc = self.kc
        first = kc.execute('panic("first fails")')
        second = kc.execute('fmt.Println("must not run")')
        replies = {m: self.shell_reply(m)["content"]["status"] for m in (first, second)}
        self.assertEqual(replies[first], "error")
        self.assertEqual(replies[second], "aborted")
        # drain iopub
        time.sleep(0.5)
        while True:
            try:
                kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                break


class TestRenderers(KernelCase):
    """Every plots renderer, displayed from a cell, arrives as display_data
    with its MIME types (issue 4)."""

    CASES = [
        ('plots.NewTable("word", "p").Row("company", 0.153).Bar("p")', "text/html"),
        ('plots.NewLineChart("loss").Add("train", []float64{3, 2, 1.5})', "image/svg+xml"),
        ('plots.NewBarChart("counts", []string{"a", "b"}, []float64{3, 1})', "image/svg+xml"),
        ('plots.NewHistogram("h", []float64{1, 2, 2, 3, 3, 3})', "image/svg+xml"),
        ('plots.NewScatter("s", []float64{1, 2, 3}, []float64{3, 1, 2})', "image/svg+xml"),
        ('plots.NewHeatmap("att", [][]float64{{1, 0}, {0, 1}}, []string{"a", "b"}, []string{"x", "y"})', "image/svg+xml"),
        ('reduce.NewEmbeddingMap("emb", []string{"a", "b", "c", "d"}, [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}})', "image/svg+xml"),
        ('plots.Chain("entity.n.01", "animal.n.01", "panda.n.01")', "text/html"),
        ('&plots.HighlightedText{Tokens: []plots.Token{{Text: "a", P: 0.5}, {Text: "b", P: 0.01}}, Join: " "}', "text/html"),
        ('plots.NewChat().User("hi").Assistant("hello")', "text/html"),
    ]

    def test_each_renderer(self):
        for expr, mime in self.CASES:
            with self.subTest(expr=expr):
                msgs = self.ok("plots.Display(" + expr + ")")
                disp = [m["content"] for m in msgs if m["msg_type"] == "display_data"]
                self.assertEqual(len(disp), 1, msgs)
                self.assertIn(mime, disp[0]["data"])
                self.assertIn("text/plain", disp[0]["data"])
                # The display id returned by plots.Display is not shown as a result.
                self.assertFalse([m for m in msgs if m["msg_type"] == "execute_result"])

    def test_progress_updates_in_place(self):
        msgs = self.ok('p := plots.NewProgress(50, "work")\nfor range 50 { time.Sleep(20 * time.Millisecond); p.Add(1) }\np.Done()')
        disp = [m["content"] for m in msgs if m["msg_type"] == "display_data"]
        upd = [m["content"] for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(disp), 1)
        self.assertTrue(upd)
        self.assertLessEqual(len(upd), 1 + 4 * 2)  # ≤ 4 updates a second over ~1 s, plus the last
        ids = {m["transient"]["display_id"] for m in disp + upd}
        self.assertEqual(len(ids), 1)
        self.assertIn("text/html", disp[0]["data"])


class TestInterrupt(KernelCase):
    def test_busy_loop_interrupt_keeps_state(self):
        self.ok("kept := []string{\"a\", \"b\"}")
        reply, msgs = self.run_cell('fmt.Println("looping")\nn := 0\nfor { n++ }', interrupt_on="looping")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        msgs = self.ok("fmt.Println(len(kept), kept[1])")
        self.assertEqual(self.stdout(msgs), "2 b\n")

    def test_long_call_interrupt_keeps_state(self):
        self.ok("kept2 := 42")
        reply, _ = self.run_cell('fmt.Println("sleeping")\ntime.Sleep(10 * time.Minute)', interrupt_on="sleeping")
        self.assertEqual(reply["ename"], "Interrupted")
        reply, _ = self.run_cell('fmt.Println("waiting")\nselect {\ncase <-ctx.Done():\ncase <-time.After(10 * time.Minute):\n}', interrupt_on="waiting")
        self.assertEqual(reply["ename"], "Interrupted")
        msgs = self.ok("kept2")
        self.assertEqual(self.result(msgs), "42")


    def test_interrupt_while_compiling(self):
        # Issue 27 item 1: an interrupt that arrives while the cell is still
        # being compiled used to be lost, and the loop ran on. Whenever it
        # arrives, the cell ends Interrupted.
        self.ok("kept4 := 4")
        for code in ("for {}", "n2 := 0\nfor { n2++ }", 'import "strings"\nfor { _ = strings.ToUpper("x") }'):
            with self.subTest(code=code):
                reply, _ = self.run_cell(code, interrupt_at_start=True)
                self.assertEqual(reply["status"], "error")
                self.assertEqual(reply["ename"], "Interrupted")
        self.assertEqual(self.result(self.ok("kept4")), "4")

    def test_library_call_honours_context(self):
        # A long nlp library call (word2vec training for many epochs) takes the
        # cell's ctx: an interrupt stops it and the partial model is kept.
        self.ok("kept3 := \"still here\"")
        code = ("sents := [][]string{}\n"
                "for range 2000 { sents = append(sents, strings.Fields(\"the cat sat on the mat with the dog\")) }\n"
                "fmt.Println(\"training\")\n"
                "model, err := word2vec.Train(ctx, sents, word2vec.Config{Dim: 50, Window: 5, MinCount: 1, Epochs: 100000, Workers: 1})\n"
                "fmt.Println(model != nil, err)")
        reply, msgs = self.run_cell(code, interrupt_on="training")
        out = self.stdout(msgs)
        self.assertIn("true", out)            # the partly trained model came back
        self.assertIn("context canceled", out)
        msgs = self.ok("kept3")
        self.assertEqual(self.result(msgs), "still here")

    def test_ignored_interrupt_restarts_worker(self):
        # A cell blocked where no check can run (a deadlock) is killed after
        # the grace period; the kernel says that state was lost and goes on.
        reply, msgs = self.run_cell('var mu sync.Mutex\nmu.Lock()\nfmt.Println("locked")\nmu.Lock()', interrupt_on="locked")
        self.assertEqual(reply["status"], "error")
        err = [m["content"] for m in msgs if m["msg_type"] == "error"][-1]
        self.assertEqual(err["ename"], "WorkerDied")
        self.assertIn("state", err["evalue"])
        msgs = self.ok('fmt.Println("fresh worker")')
        self.assertEqual(self.stdout(msgs), "fresh worker\n")


class TestCrash(KernelCase):
    def crash(self, code, ename="WorkerDied"):
        reply, msgs = self.run_cell(code)
        self.assertEqual(reply["status"], "error")
        errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertTrue(errs, "no error output")
        self.assertEqual(errs[-1]["ename"], ename, errs)
        self.assertIn("state", errs[-1]["evalue"])
        msgs = self.ok('fmt.Println("alive")')
        self.assertEqual(self.stdout(msgs), "alive\n")

    def test_os_exit(self):
        self.crash("os.Exit(3)")

    def test_goroutine_panic(self):
        self.crash('go func() { panic("in a goroutine") }()\ntime.Sleep(5 * time.Second)')

    def test_unbounded_recursion(self):
        # Issue 27 item 6: a short report naming the cell's frames, not the
        # runtime's dump of hundreds of lines.
        reply, msgs = self.run_cell("func down(n int) int { return down(n+1) + 1 }\ndown(0)")
        err = [m["content"] for m in msgs if m["msg_type"] == "error"][-1]
        self.assertEqual(err["ename"], "WorkerDied")
        self.assertLessEqual(len(err["traceback"]), 20)
        self.assertIn("stack overflow", err["evalue"])
        self.assertRegex("\n".join(err["traceback"]), r"cell\[\d+\] line 1 in down \(\d+ times\)")
        stderr = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        self.assertNotIn("goroutine ", stderr)
        self.assertEqual(self.stdout(self.ok('fmt.Println("alive")')), "alive\n")

    def test_huge_allocation(self):
        # The worker dies of it; the kernel names the cause (issue 25 item 3).
        self.crash("big := make([]byte, 100<<30)\nfor i := range big { big[i] = 1 }", ename="MemoryError")


class TestSignature(unittest.TestCase):
    def test_wrong_key_is_not_executed(self):
        km, kc = jupyter_client.manager.start_new_kernel(kernel_name="lingo", startup_timeout=120)
        try:
            marker = os.path.join(tempfile.mkdtemp(), "ran")
            ctx = zmq.Context.instance()
            sock = ctx.socket(zmq.DEALER)
            sock.connect(f"tcp://{km.ip}:{km.shell_port}")
            bad = Session(key=b"not-the-key", username="attacker")
            bad.send(sock, "execute_request", {"code": f'os.WriteFile({json.dumps(marker)}, nil, 0o644)',
                                                "silent": False, "store_history": True, "user_expressions": {},
                                                "allow_stdin": False, "stop_on_error": True})
            self.assertEqual(sock.poll(5000), 0, "the kernel answered a message signed with the wrong key")
            self.assertFalse(os.path.exists(marker))
            # A correctly signed message on the same socket still works.
            msg_id = kc.execute(f'os.WriteFile({json.dumps(marker)}, nil, 0o644)')
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            while reply["parent_header"].get("msg_id") != msg_id:  # stale kernel_info replies (see shell_reply)
                self.assertEqual(reply["msg_type"], "kernel_info_reply")
                reply = kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertTrue(os.path.exists(marker))
            sock.close()
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
