"""Drive a real JupyterHub with Lingo the way students do: log in through
the hub's REST API, start single-user servers, open Lingo kernels through
the Jupyter server API and run cells over the kernel websocket.

deploy/test_hub.py and deploy/loadtest.py use it; it runs under Debian's
/usr/bin/python3 with the packages jupyterhub depends on (tornado).
Starting a hub, creating users and killing their processes need root.
"""
import asyncio
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPRequest, HTTPClientError
from tornado.websocket import websocket_connect

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
AsyncHTTPClient.configure(None, max_clients=200)


class Skip(Exception):
    """This machine cannot run the hub tests; the message says why."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def system_prefix():
    """The prefix of Lingo's system install: LINGO_PREFIX, else the first
    of /usr/local and /opt/lingo that has bin/lingo and lib/lingo."""
    for p in [os.environ.get("LINGO_PREFIX"), "/usr/local", "/opt/lingo"]:
        if p and os.path.exists(os.path.join(p, "bin", "lingo")) and os.path.isdir(os.path.join(p, "lib", "lingo")):
            return p
    return None


# Root's tools (useradd, chpasswd, userdel, runuser) are in the sbin
# directories, which the PATH of a CI job or a cron job may lack.
_path = os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
os.environ["PATH"] = os.pathsep.join(_path + [d for d in ("/usr/sbin", "/sbin") if d not in _path])


def check_machine():
    """Raise Skip unless a hub can run here: root, jupyterhub and
    configurable-http-proxy installed, a system install of Lingo."""
    if os.geteuid() != 0:
        raise Skip("the hub tests create Unix users and start a hub: run them as root")
    for cmd, pkg in [("jupyterhub", "jupyterhub"), ("configurable-http-proxy", "node-configurable-http-proxy")]:
        if not shutil.which(cmd):
            raise Skip("%s is not installed (apt-get install %s; deploy/setup-hub.sh does)" % (cmd, pkg))
    for cmd in ("useradd", "chpasswd", "userdel", "runuser"):
        if not shutil.which(cmd):
            raise Skip("%s is not installed: the hub tests make Unix users with it (Debian's passwd and util-linux)" % cmd)
    if not system_prefix():
        raise Skip("Lingo is not installed system-wide (./install.sh --system)")


def pids_of(uid):
    """Processes owned by uid, from /proc."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.stat("/proc/" + d).st_uid == uid:
                    out.append(int(d))
            except OSError:
                pass
    return out


class Users:
    """Unix users made for a test, with private homes and passwords;
    remove() kills their processes and deletes them with their homes."""

    def __init__(self, prefix, n):
        self.names = ["%s%d" % (prefix, i + 1) for i in range(n)]
        self.password = secrets.token_urlsafe(12)
        for name in self.names:
            self._delete(name)
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "-K", "HOME_MODE=0700", name],
                           check=True, capture_output=True)
        subprocess.run(["chpasswd"], input="".join("%s:%s\n" % (n, self.password) for n in self.names).encode(),
                       check=True, capture_output=True)

    def uid(self, name):
        return pwd.getpwnam(name).pw_uid

    def home(self, name):
        return pwd.getpwnam(name).pw_dir

    @staticmethod
    def _delete(name):
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            return
        for pid in pids_of(uid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for _ in range(50):
            if not pids_of(uid):
                break
            time.sleep(0.1)
        subprocess.run(["userdel", "--remove", name], capture_output=True)

    def remove(self):
        for name in self.names:
            self._delete(name)

    def processes(self, name):
        """(pid, command line) of the user's processes."""
        out = []
        for pid in pids_of(self.uid(name)):
            try:
                with open("/proc/%d/cmdline" % pid, "rb") as f:
                    out.append((pid, f.read().replace(b"\0", b" ").decode(errors="replace").strip()))
            except OSError:
                pass
        return out


class Hub:
    """A JupyterHub started with deploy/jupyterhub_config.py on free ports,
    its state in a temporary directory. env adds LINGO_HUB_* settings."""

    def __init__(self, users, env=None, auth="pam"):
        self.prefix = system_prefix()
        self.state = tempfile.mkdtemp(prefix="lingo-hub-")
        os.chmod(self.state, 0o700)
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        e = dict(os.environ)
        e.update({
            "LINGO_PREFIX": self.prefix, "LINGO_HUB_STATE": self.state,
            "LINGO_HUB_PORT": str(self.port), "LINGO_HUB_API_PORT": str(free_port()),
            "LINGO_HUB_PROXY_PORT": str(free_port()), "LINGO_HUB_AUTH": auth,
            "LINGO_HUB_USERS": ",".join(users.names), "LINGO_HUB_PASSWORD": users.password,
            "LINGO_SCALE": os.environ.get("LINGO_SCALE", "ci"),
        })
        e.update(env or {})
        self.log_path = os.path.join(self.state, "hub.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(["jupyterhub", "-f", os.path.join(HERE, "jupyterhub_config.py")],
                                     cwd=self.state, env=e, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    async def wait_ready(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("jupyterhub exited %s:\n%s" % (self.proc.returncode, self.tail()))
            try:
                r = await AsyncHTTPClient().fetch(self.url + "/hub/api/", request_timeout=5)
                if r.code == 200:
                    return
            except Exception:
                pass
            await asyncio.sleep(0.5)
        raise RuntimeError("the hub did not answer within %d s:\n%s" % (timeout, self.tail()))

    def tail(self, n=40):
        with open(self.log_path, "rb") as f:
            return b"\n".join(f.read().splitlines()[-n:]).decode(errors="replace")

    def stop(self):
        """SIGTERM the hub (it stops the users' servers, cleanup_servers)
        and the proxy it started, then remove its state."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        try:  # the proxy, if the hub did not stop it
            with open(os.path.join(self.state, "jupyterhub-proxy.pid")) as f:
                os.kill(int(f.read().strip()), signal.SIGTERM)
        except (OSError, ValueError):
            pass
        self.log.close()
        # The hub's log outlives it, for a failed test's reader.
        shutil.copy(self.log_path, os.path.join(tempfile.gettempdir(), "lingo-hub-last.log"))
        shutil.rmtree(self.state, ignore_errors=True)


async def api(method, url, token=None, body=None, timeout=300, ok=(200, 201, 202, 204)):
    """One HTTP request; JSON in and out. Raises HTTPClientError unless the
    status is in ok."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "token " + token
    req = HTTPRequest(url, method=method, headers=headers, request_timeout=timeout,
                      body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
                      allow_nonstandard_methods=True)
    try:
        r = await AsyncHTTPClient().fetch(req, raise_error=False)
    except Exception as e:
        raise RuntimeError("%s %s: %s" % (method, url, e))
    if r.code not in ok:
        raise HTTPClientError(r.code, "%s %s: %s" % (method, url, r.body[:300]), r)
    return json.loads(r.body) if r.body else None


class Student:
    """A user of the hub: logs in through the REST API (their password for
    a token), starts and stops their server, opens kernels."""

    def __init__(self, hub, name, password):
        self.hub, self.name, self.password = hub, name, password
        self.token = None

    @property
    def server(self):
        return self.hub.url + "/user/" + self.name

    async def login(self):
        r = await api("POST", "%s/hub/api/users/%s/tokens" % (self.hub.url, self.name),
                      body={"auth": {"username": self.name, "password": self.password}, "note": "lingo hub test"})
        self.token = r["token"]
        return self.token

    async def start(self, timeout=300):
        """Start the server (unless it runs) and wait until the hub says it
        is ready."""
        if not await self.running():
            await api("POST", "%s/hub/api/users/%s/server" % (self.hub.url, self.name), self.token, {})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            u = await api("GET", "%s/hub/api/users/%s" % (self.hub.url, self.name), self.token)
            s = (u.get("servers") or {}).get("")
            if s and s.get("ready"):
                return
            await asyncio.sleep(0.5)
        raise RuntimeError("%s's server did not start within %d s:\n%s" % (self.name, timeout, self.hub.tail()))

    async def stop(self, timeout=120):
        await api("DELETE", "%s/hub/api/users/%s/server" % (self.hub.url, self.name), self.token)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            u = await api("GET", "%s/hub/api/users/%s" % (self.hub.url, self.name), self.token)
            if not u.get("servers"):
                return
            await asyncio.sleep(0.5)
        raise RuntimeError("%s's server did not stop" % self.name)

    async def running(self):
        u = await api("GET", "%s/hub/api/users/%s" % (self.hub.url, self.name), self.token)
        return bool(u.get("servers"))

    async def kernels(self):
        return await api("GET", self.server + "/api/kernels", self.token)

    async def open_kernel(self, name="lingo"):
        k = await api("POST", self.server + "/api/kernels", self.token, {"name": name})
        kernel = Kernel(self, k["id"])
        await kernel.connect()
        return kernel


class CellResult:
    def __init__(self):
        self.stdout, self.stderr = "", ""
        self.results, self.displays, self.errors = [], [], []
        self.status = None
        self.seconds = None

    def text(self):
        """The text/plain of the last execute_result."""
        return self.results[-1].get("text/plain", "") if self.results else ""


class Kernel:
    """A kernel of a student's server, reached over its websocket."""

    def __init__(self, student, kernel_id):
        self.student, self.id = student, kernel_id
        self.session = uuid.uuid4().hex
        self.ws = None

    async def connect(self):
        url = self.student.server.replace("http://", "ws://") + "/api/kernels/%s/channels?session_id=%s" % (self.id, self.session)
        req = HTTPRequest(url, headers={"Authorization": "token " + self.student.token}, request_timeout=120)
        self.ws = await websocket_connect(req, max_message_size=256 << 20)

    def close(self):
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    async def execute(self, code, timeout=900):
        """Run code; return a CellResult once the reply and the idle status
        have arrived."""
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {"msg_id": msg_id, "username": self.student.name, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }
        res = CellResult()
        t0 = time.monotonic()
        await self.ws.write_message(json.dumps(msg))
        replied = idle = False
        deadline = t0 + timeout
        while not (replied and idle):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("cell did not finish within %d s: %r" % (timeout, code[:80]))
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise RuntimeError("the kernel websocket closed")
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t, c = m["header"]["msg_type"], m["content"]
            if t == "stream":
                if c["name"] == "stdout":
                    res.stdout += c["text"]
                else:
                    res.stderr += c["text"]
            elif t == "execute_result":
                res.results.append(c["data"])
            elif t in ("display_data", "update_display_data"):
                res.displays.append(c["data"])
            elif t == "error":
                res.errors.append("%s: %s" % (c["ename"], c["evalue"]))
            elif t == "execute_reply":
                res.status, replied = c["status"], True
            elif t == "status" and c["execution_state"] == "idle":
                idle = True
        res.seconds = time.monotonic() - t0
        return res


def notebook_cells(path, first=None, last=None):
    """The code cells of a notebook in the repository, with the text/plain
    of each one's committed execute_result (None if it has none)."""
    with open(os.path.join(REPO, path)) as f:
        nb = json.load(f)
    cells = []
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        src = "".join(c["source"])
        want = None
        for o in c.get("outputs", []):
            if o.get("output_type") == "execute_result":
                want = "".join(o["data"].get("text/plain", ""))
        cells.append((src, want))
    return cells[first:last]


# What every simulated student runs: the kernel tour, then the start of the
# WordNet lesson. Cells whose output changes from run to run (timings) are
# compared only for errors.
TOUR = notebook_cells("notebooks/00-tour.ipynb")
WORDNET = notebook_cells("notebooks/01-wordnet.ipynb", 0, 5)


async def run_cells(kernel, cells, check=True):
    """Run cells in order; return their CellResults. With check, a cell
    that fails, or whose result differs from the committed notebook's,
    raises AssertionError naming it."""
    out = []
    for i, (src, want) in enumerate(cells):
        r = await kernel.execute(src)
        out.append(r)
        if check:
            if r.status != "ok" or r.errors:
                raise AssertionError("%s: cell %d failed: %s\n%s" % (kernel.student.name, i, r.errors, src[:200]))
            if want is not None and r.text() != want:
                raise AssertionError("%s: cell %d gave %r, the notebook has %r" % (kernel.student.name, i, r.text()[:200], want[:200]))
    return out
