# Sourced by run.sh and widgets.sh: the checks, the temporary directory and
# the clean-up both browser tests share. Set LABEL (how messages begin)
# before sourcing it.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
CHROMIUM=${LINGO_CHROMIUM:-/usr/bin/chromium}
export PATH="$HOME/.local/bin:$PATH"

say() { printf '%s: %s\n' "$LABEL" "$*"; }
fail() { printf '%s: FAIL: %s\n' "$LABEL" "$*" >&2; exit 1; }

# require_tools MSG: skips the test (exit 0) without Chromium, saying MSG
# (what was not checked); fails without node, jupyter-notebook or lingo.
require_tools() {
	if [ ! -x "$CHROMIUM" ]; then
		say "SKIP: $CHROMIUM not found (Debian/Ubuntu: sudo apt-get install chromium); $1"
		exit 0
	fi
	command -v node >/dev/null || fail "node not found; install it (Debian/Ubuntu: sudo apt-get install nodejs npm)."
	command -v jupyter-notebook >/dev/null || fail "jupyter-notebook not found; run ./install.sh (Debian/Ubuntu: sudo apt-get install jupyter-notebook)."
	command -v lingo >/dev/null || fail "lingo not found on PATH or in ~/.local/bin; run ./install.sh."
}

# install_playwright installs playwright-core from npm when it is missing.
install_playwright() {
	if [ ! -d "$HERE/node_modules/playwright-core" ]; then
		say "installing playwright-core (npm ci in $HERE; it never downloads a browser)"
		(cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) ||
			fail "npm ci failed in $HERE; install nodejs and npm, then run: (cd $HERE && npm ci)."
	fi
}

# make_tmp NAME: a temporary directory TMP, removed on exit with the
# Jupyter server (SERVER_PID) and the test driver (DRIVER_PID) once set.
make_tmp() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
	SERVER_PID=
	DRIVER_PID=
	trap cleanup EXIT
	trap 'exit 130' INT TERM
}

cleanup() {
	# timeout(1) leads its own process group: node and the Chromium it started.
	if [ -n "$DRIVER_PID" ]; then
		kill -KILL -- "-$DRIVER_PID" 2>/dev/null
	fi
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		# SIGTERM lets the server shut its kernels down; then anything left in
		# the server's own process group (kernel, worker) is killed.
		kill -TERM "$SERVER_PID" 2>/dev/null
		for _ in $(seq 1 50); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.2
		done
	fi
	if [ -n "$SERVER_PID" ]; then
		kill -KILL -- "-$SERVER_PID" 2>/dev/null
	fi
	rm -rf "$TMP"
}
