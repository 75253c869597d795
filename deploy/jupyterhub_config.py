# JupyterHub configuration for a class using Lingo on one server:
# Debian 12's jupyterhub 3.0, configurable-http-proxy, system users who log
# in with their Unix password (PAM), one single-user Jupyter server per
# student started as that student by LocalProcessSpawner, Lingo installed
# system-wide (install.sh --system).
#
# deploy/setup-hub.sh installs it; deploy/test_hub.py starts hubs with it.
# Everything that differs between machines comes from environment
# variables, read once here:
#
#   LINGO_PREFIX          prefix of the system install (default /usr/local)
#   LINGO_HUB_STATE       directory for the hub's database, cookie secret and
#                         proxy token (default /var/lib/lingo-hub)
#   LINGO_HUB_IP          address the proxy listens on (default 127.0.0.1; use
#                         0.0.0.0 behind a TLS-terminating front end)
#   LINGO_HUB_PORT        its port (default 8000); the hub's own API listens on
#                         LINGO_HUB_API_PORT (default 8081) and the proxy's on
#                         LINGO_HUB_PROXY_PORT (default 8001), both on 127.0.0.1
#   LINGO_HUB_AUTH        pam (default) or dummy (tests: any user in
#                         LINGO_HUB_USERS with LINGO_HUB_PASSWORD)
#   LINGO_HUB_USERS       comma-separated users allowed to log in (default:
#                         anyone PAM accepts); LINGO_HUB_ADMINS likewise
#   LINGO_HUB_MEM_LIMIT   memory per student, e.g. 2G (MEM_LIMIT for the
#                         server; Lingo's worker holds itself to it)
#   LINGO_HUB_CPU_LIMIT   CPU cores per student, e.g. 1 (CPU_LIMIT)
#   LINGO_HUB_CULL_KERNEL seconds after which an idle kernel (and its worker)
#                         is shut down (default 1800)
#   LINGO_HUB_CULL_SERVER seconds after which a server with no kernels and no
#                         activity stops itself (default 3600)
#   LINGO_HUB_CULL_INTERVAL seconds between the kernel culler's checks
#                         (default 60)
#   LINGO_HUB_LESSONS     directory in each home the lessons are copied to on
#                         every server start, keeping the student's files
#                         (default lingo-lessons; empty: no copy)
#   LINGO_HUB_SHARED_CACHE  1 (default); 0 hides the install's shared build
#                         cache and prebuilt worker from the students' kernels,
#                         so each builds its own as without a system install
#                         (for measuring what the shared cache saves)
#   LINGO_HUB_PRIVATE_HOMES  1 (default): a student's home is made 0700 before
#                         their server starts, so no other student can read
#                         their notebooks, kernels' connection files or caches
import os
import pwd
import subprocess

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

env = os.environ.get
prefix = env("LINGO_PREFIX", "/usr/local")
state = env("LINGO_HUB_STATE", "/var/lib/lingo-hub")
lingo = os.path.join(prefix, "bin", "lingo")

c.JupyterHub.ip = env("LINGO_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("LINGO_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("LINGO_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % env("LINGO_HUB_PROXY_PORT", "8001")
c.ConfigurableHTTPProxy.command = ["configurable-http-proxy"]
# Debian's configurable-http-proxy finds its modules in /usr/share/nodejs,
# where Debian's nodejs looks; a Node.js from elsewhere needs NODE_PATH.
if os.path.isdir("/usr/share/nodejs/configurable-http-proxy"):
    os.environ.setdefault("NODE_PATH", "/usr/share/nodejs")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True  # a stopped hub stops the students' servers

# Who logs in.
if env("LINGO_HUB_AUTH", "pam") == "dummy":
    c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
    c.DummyAuthenticator.password = env("LINGO_HUB_PASSWORD", "")
else:
    c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
    c.PAMAuthenticator.open_sessions = False  # no systemd-logind session per server
users = [u for u in env("LINGO_HUB_USERS", "").split(",") if u]
if users:
    c.Authenticator.allowed_users = set(users)
admins = [u for u in env("LINGO_HUB_ADMINS", "").split(",") if u]
if admins:
    c.Authenticator.admin_users = set(admins)

# Each student's server: their own Unix user, their home, Lingo on PATH.
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "PATH": os.path.join(prefix, "bin") + ":/usr/local/bin:/usr/bin:/bin",
    # Jupyter finds the kernelspec of a prefix other than /usr/local here.
    "JUPYTER_PATH": os.path.join(prefix, "share", "jupyter"),
    "LINGO_SCALE": env("LINGO_SCALE", ""),
}
if env("LINGO_HUB_SHARED_CACHE", "1") == "0":
    c.Spawner.environment.update({"GOCACHEPROG": "", "LINGO_SYSTEM_CACHE": ""})
if env("LINGO_HUB_MEM_LIMIT"):
    c.Spawner.mem_limit = env("LINGO_HUB_MEM_LIMIT")
if env("LINGO_HUB_CPU_LIMIT"):
    c.Spawner.cpu_limit = float(env("LINGO_HUB_CPU_LIMIT"))

# Idle culling, through the standard kernel activity API: the notebook
# server shuts down kernels whose last_activity is older than the timeout
# and that are idle (execution_state), which stops their Lingo workers; a
# server with no kernels left and no activity stops itself, and the hub
# sees it stopped.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=%s" % env("LINGO_HUB_CULL_KERNEL", "1800"),
    "--MappingKernelManager.cull_interval=%s" % env("LINGO_HUB_CULL_INTERVAL", "60"),
    "--MappingKernelManager.cull_connected=True",
    "--MappingKernelManager.cull_busy=False",
    "--NotebookApp.shutdown_no_activity_timeout=%s" % env("LINGO_HUB_CULL_SERVER", "3600"),
]

lessons = env("LINGO_HUB_LESSONS", "lingo-lessons")
private_homes = env("LINGO_HUB_PRIVATE_HOMES", "1") == "1"


def prepare_home(spawner):
    """Before a student's server starts: make their home private, and copy
    the installed lessons into it as the student, keeping every file already
    there (lingo lessons never overwrites)."""
    pw = pwd.getpwnam(spawner.user.name)
    if private_homes:
        st = os.stat(pw.pw_dir)
        if st.st_uid == pw.pw_uid and st.st_mode & 0o077:
            os.chmod(pw.pw_dir, st.st_mode & 0o700)
    if lessons:
        subprocess.run(
            [lingo, "lessons", os.path.join(pw.pw_dir, lessons)],
            user=pw.pw_uid, group=pw.pw_gid, extra_groups=[],
            env={"HOME": pw.pw_dir, "PATH": "/usr/bin:/bin"},
            cwd=pw.pw_dir, check=True, capture_output=True, timeout=60,
        )


c.Spawner.pre_spawn_hook = prepare_home
