"""JupyterHub with Lingo, for real: Debian's jupyterhub, configurable-http-
proxy, PAM logins of Unix users, LocalProcessSpawner, Lingo installed with
install.sh --system.

    sudo /usr/bin/python3 deploy/test_hub.py [-v] [TestHub.test_students]

LINGO_HUB_K students (default 3) log in through the hub's REST API, start
their servers, each opens a Lingo kernel through the Jupyter server API and
its websocket and runs the kernel tour and the start of the WordNet lesson,
all at once. Other tests: a restarted server finds its notebooks; idle
kernels and servers are culled through the kernel activity API; no student
can read another's notebooks, kernels, connection files or build cache.

Skipped, with the reason, unless run as root on a machine with jupyterhub,
configurable-http-proxy and a system install of Lingo. Users made for the
test (lingotest1, …) are deleted afterwards with their homes and processes.
"""
import asyncio
import glob
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lingohub as lh  # noqa: E402

K = int(os.environ.get("LINGO_HUB_K", "3"))


def run(coro):
    return asyncio.run(coro)


def as_user(name, *argv):
    """Run argv as a user (runuser, a clean environment); return it."""
    home = lh.pwd.getpwnam(name).pw_dir
    return subprocess.run(["runuser", "-u", name, "--", "env", "-i", "HOME=" + home, "PATH=/usr/bin:/bin"] + list(argv),
                          capture_output=True, text=True, cwd="/")


class HubCase(unittest.TestCase):
    users_n = K
    hub_env = {}

    @classmethod
    def setUpClass(cls):
        try:
            lh.check_machine()
        except lh.Skip as e:
            raise unittest.SkipTest(str(e))
        cls.users = lh.Users("lingotest", cls.users_n)
        try:
            cls.hub = lh.Hub(cls.users, env=cls.hub_env)
            run(cls.hub.wait_ready())
        except Exception:
            cls.users.remove()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.hub.stop()
        cls.users.remove()

    def students(self):
        return [lh.Student(self.hub, n, self.users.password) for n in self.users.names]


class TestHub(HubCase):
    hub_env = {"LINGO_HUB_MEM_LIMIT": "1G", "LINGO_HUB_CPU_LIMIT": "1"}

    def test_1_students(self):  # first: the students are new, their caches empty
        """K students log in, start servers and run the tour and a WordNet
        lesson sequence at the same time; each kernel runs as its student,
        under the hub's limits, reading the shared build cache."""
        async def student(s):
            await s.login()
            await s.start()
            # The lessons copied at the server's start are signed for the
            # student: the server marks their code cells trusted, so the
            # browser shows the stored charts and tables, not text.
            nb = await lh.api("GET", s.server + "/api/contents/lingo-lessons/01-wordnet.ipynb", s.token)
            code = [c for c in nb["content"]["cells"] if c["cell_type"] == "code"]
            self.assertTrue(code and all(c["metadata"].get("trusted") for c in code),
                            "%s's copy of 01-wordnet is not trusted" % s.name)
            k = await s.open_kernel()
            try:
                first = await k.execute('fmt.Println(os.Getuid(), debug.SetMemoryLimit(-1), runtime.GOMAXPROCS(0), os.Getenv("MEM_LIMIT"))')
                tour = await lh.run_cells(k, lh.TOUR)
                lesson = await lh.run_cells(k, lh.WORDNET)
            finally:
                k.close()
            await s.stop()
            return first, tour, lesson

        async def everyone():
            return await asyncio.gather(*(student(s) for s in self.students()))

        t0 = time.monotonic()
        results = run(everyone())
        wall = time.monotonic() - t0
        for name, (first, tour, lesson) in zip(self.users.names, results):
            self.assertEqual(first.status, "ok", first.errors)
            # GOMEMLIMIT is 0.8 of the hub's mem_limit (1 GiB), GOMAXPROCS its cpu_limit.
            self.assertEqual(first.stdout.split(), [str(self.users.uid(name)), str(int((1 << 30) * 0.8)), "1", str(1 << 30)])
            self.assertEqual(len(tour), len(lh.TOUR))
            self.assertIn("noun: commodity, trade_good, good", lesson[0].stdout + lesson[1].stdout)
            print("  %s: first cell %.1f s, tour %.1f s, lesson %.1f s" % (
                name, first.seconds, sum(r.seconds for r in tour), sum(r.seconds for r in lesson)), file=sys.stderr)
        print("  %d students, all at once: %.1f s" % (len(results), wall), file=sys.stderr)
        # The shared build cache served them: each user's own Go build
        # cache holds only the few outputs the shared one lacked.
        for name in self.users.names:
            own = glob.glob(os.path.join(self.users.home(name), ".cache", "go-build", "??", "*-d"))
            self.assertLess(len(own), 100, "%s compiled %d packages into their own cache" % (name, len(own)))
            # The worker and its shared libraries are the system install's:
            # nothing of them is linked again into the student's home.
            self.assertEqual(glob.glob(os.path.join(self.users.home(name), ".cache", "lingo", "workers", "shared-*")), [],
                             "%s linked their own shared-library worker" % name)
            # Lessons were copied into the home at the server's start.
            self.assertTrue(os.path.exists(os.path.join(self.users.home(name), "lingo-lessons", "00-tour.ipynb")))

    def test_2_restart_keeps_notebooks(self):
        """A server stopped and started again finds the student's notebooks,
        and the lessons they edited are not overwritten by the copy."""
        s = self.students()[0]

        async def go():
            await s.login()
            await s.start()
            nb = {"type": "notebook", "content": {"cells": [{"cell_type": "code", "source": "x := 42", "metadata": {},
                                                             "outputs": [], "execution_count": None}],
                                                  "metadata": {}, "nbformat": 4, "nbformat_minor": 5}}
            await lh.api("PUT", s.server + "/api/contents/mine.ipynb", s.token, nb)
            tour = await lh.api("GET", s.server + "/api/contents/lingo-lessons/00-tour.ipynb", s.token)
            tour["content"]["cells"][0]["source"] = "# my notes"
            await lh.api("PUT", s.server + "/api/contents/lingo-lessons/00-tour.ipynb", s.token,
                         {"type": "notebook", "content": tour["content"]})
            await s.stop()
            self.assertFalse([c for _, c in self.users.processes(s.name) if "jupyterhub-singleuser" in c])
            await s.start()
            mine = await lh.api("GET", s.server + "/api/contents/mine.ipynb", s.token)
            tour = await lh.api("GET", s.server + "/api/contents/lingo-lessons/00-tour.ipynb", s.token)
            await s.stop()
            return mine, tour

        mine, tour = run(go())
        self.assertEqual(mine["content"]["cells"][0]["source"], "x := 42")
        self.assertEqual(tour["content"]["cells"][0]["source"], "# my notes")

    def test_3_isolation(self):
        """One student cannot read another's notebooks, kernels, connection
        files or build cache: not as their Unix user, not from a cell of
        their own kernel, not through the hub with their own token."""
        run(self.isolation(*self.students()[:2]))

    async def isolation(self, a, b):
        for s in (a, b):
            await s.login()
            await s.start()
        kb = await b.open_kernel()
        ka = await a.open_kernel()
        try:
            r = await kb.execute('secret := "b-secret"\nfmt.Println(secret)')
            self.assertEqual(r.stdout, "b-secret\n", r.errors)
            await lh.api("PUT", b.server + "/api/contents/private.ipynb", b.token,
                         {"type": "notebook", "content": {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}})
            home = self.users.home(b.name)
            runtime = glob.glob(os.path.join(home, ".local", "share", "jupyter", "runtime", "kernel-*.json"))
            sessions = glob.glob(os.path.join(home, ".cache", "lingo", "sessions", "s-*"))
            gocache = os.path.join(home, ".cache", "go-build")
            self.assertTrue(runtime and sessions and os.path.isdir(gocache), "b has a connection file, a session and a build cache")
            targets = [home, os.path.join(home, "private.ipynb"), runtime[0], sessions[0], gocache,
                       os.path.join(home, ".cache", "lingo")]
            for t in targets:
                for argv in (["cat", t], ["ls", t]):
                    p = as_user(a.name, *argv)
                    self.assertNotEqual(p.returncode, 0, "%s could %s %s:\n%s" % (a.name, argv[0], t, p.stdout))
                    self.assertIn("Permission denied", p.stderr)
            # The kernel's process environment (the hub's API token) is private too.
            kernel_pids = [pid for pid, c in self.users.processes(b.name) if "lingo kernel" in c]
            self.assertTrue(kernel_pids)
            p = as_user(a.name, "cat", "/proc/%d/environ" % kernel_pids[0])
            self.assertNotEqual(p.returncode, 0)
            # The shared build cache can be read by everyone and written by no one.
            shared = os.path.join(self.hub.prefix, "lib", "lingo", "cache", "gocache")
            self.assertEqual(as_user(a.name, "ls", shared).returncode, 0)
            self.assertNotEqual(as_user(a.name, "touch", os.path.join(shared, "planted")).returncode, 0)
            # From a cell in a's own kernel.
            code = "for _, p := range []string{%s} {\n\t_, err := os.ReadFile(p)\n\tfmt.Println(os.IsPermission(err))\n}" % (
                ", ".join('"%s"' % t for t in [os.path.join(home, "private.ipynb"), runtime[0]]))
            r = await ka.execute(code)
            self.assertEqual(r.stdout, "true\ntrue\n", (r.stdout, r.errors))
            # Through the hub with a's token: b's contents, kernels and
            # kernel websocket are refused.
            for url in [b.server + "/api/contents/private.ipynb", b.server + "/api/kernels",
                        b.server + "/api/kernels/" + kb.id]:
                with self.assertRaises(lh.HTTPClientError) as cm:
                    await lh.api("GET", url, a.token)
                self.assertIn(cm.exception.code, (302, 403, 404), url)
            intruder = lh.Kernel(lh.Student(self.hub, b.name, ""), kb.id)
            intruder.student.token = a.token
            with self.assertRaises(Exception):
                await asyncio.wait_for(intruder.connect(), 60)
        finally:
            ka.close()
            kb.close()
            for s in (a, b):
                await s.stop()


class TestCulling(HubCase):
    """Idle kernels are culled through the standard kernel activity API
    (last_activity, execution_state) and take their workers with them; a
    busy kernel is not; a server with no kernels left stops itself."""
    users_n = 1
    hub_env = {"LINGO_HUB_CULL_KERNEL": "15", "LINGO_HUB_CULL_INTERVAL": "3", "LINGO_HUB_CULL_SERVER": "60"}

    def test_idle_kernel_is_culled(self):
        run(self.culling(self.students()[0]))

    async def culling(self, s):
        await s.login()
        await s.start()
        idle = await s.open_kernel()
        r = await idle.execute('fmt.Println("hello")')
        self.assertEqual(r.stdout, "hello\n", r.errors)
        busy = await s.open_kernel()
        # A cell that runs until it is interrupted (ctx is cancelled then).
        running = asyncio.ensure_future(busy.execute("<-ctx.Done()\nfmt.Println(\"interrupted\")", timeout=900))
        idle.close()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ks = {k["id"]: k for k in await s.kernels()}
            if ks.get(busy.id, {}).get("execution_state") == "busy":
                break
            await asyncio.sleep(1)
        for k in ks.values():
            self.assertIn("last_activity", k)
        self.assertEqual(ks.get(busy.id, {}).get("execution_state"), "busy", ks)
        workers = [pid for pid, c in self.users.processes(s.name) if "/worker-" in c]
        self.assertEqual(len(workers), 2, self.users.processes(s.name))
        # The culler looks every 3 s for kernels idle for 15 s.
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            ks = {k["id"]: k for k in await s.kernels()}
            if idle.id not in ks:
                break
            await asyncio.sleep(1)
        self.assertNotIn(idle.id, ks, "the idle kernel was not culled")
        self.assertIn(busy.id, ks, "the busy kernel was culled")
        self.assertEqual(ks[busy.id]["execution_state"], "busy")
        # The culled kernel's worker is gone (the kernel stops it on
        # shutdown); the busy one's is alive.
        deadline = time.monotonic() + 60
        alive = workers
        while time.monotonic() < deadline and len(alive) > 1:
            alive = [w for w in workers if w in {pid for pid, _ in self.users.processes(s.name)}]
            await asyncio.sleep(1)
        self.assertEqual(len(alive), 1, "exactly the busy kernel's worker is alive")
        await lh.api("POST", s.server + "/api/kernels/%s/interrupt" % busy.id, s.token)
        r = await running
        self.assertEqual(r.stdout, "interrupted\n")
        busy.close()
        # With no kernels and no activity the server stops itself
        # (shutdown_no_activity_timeout) once the busy kernel, idle now, is
        # culled; the hub notices. Only the hub's API is polled: polling the
        # server would count as activity.
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline and await s.running():
            await asyncio.sleep(3)
        self.assertFalse(await s.running(), "the idle server did not stop")
        self.assertFalse([c for _, c in self.users.processes(s.name) if "lingo" in c or "jupyter" in c], "processes left behind")


if __name__ == "__main__":
    unittest.main()
