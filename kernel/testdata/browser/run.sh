#!/usr/bin/env bash
# run.sh — the tour notebook in a real browser.
#
# Starts Debian's Jupyter Notebook server (jupyter-notebook) on 127.0.0.1 with
# a random token, a fresh config and runtime directory and a temporary copy of
# notebooks/00-tour.ipynb; then tour.test.mjs drives Debian's headless
# Chromium (playwright-core, executablePath /usr/bin/chromium, never a
# downloaded browser) to run every cell with the Lingo kernel and checks the
# page: an SVG chart and an HTML table in the outputs, no error output. It
# saves a full-page screenshot, by default to notebooks/tour.png (the README's
# picture); set LINGO_TOUR_PNG to write it elsewhere, LINGO_TOUR_NOTEBOOK to
# check another copy of the tour. LINGO_TOUR_HAN_TEXT names Chinese text a
# chart of the notebook must show in real glyphs (the Chinese edition's tour:
# 训练损失), LINGO_TOUR_CHART_PNG where to save that chart.
#
#   bash kernel/testdata/browser/run.sh
#
# Skips (exit 0) when /usr/bin/chromium is absent. The server, its kernels and
# their workers are always stopped, whatever happens. Needs: chromium,
# nodejs + npm (npm ci in this directory; done here if node_modules is missing),
# jupyter-notebook, and `lingo` installed with its kernelspec (install.sh).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
CHROMIUM=${LINGO_CHROMIUM:-/usr/bin/chromium}
export PATH="$HOME/.local/bin:$PATH"

say() { printf 'browser test: %s\n' "$*"; }
fail() { printf 'browser test: FAIL: %s\n' "$*" >&2; exit 1; }

if [ ! -x "$CHROMIUM" ]; then
	say "SKIP: $CHROMIUM not found (Debian/Ubuntu: sudo apt-get install chromium); the tour was not checked in a browser."
	exit 0
fi
command -v node >/dev/null || fail "node not found; install it (Debian/Ubuntu: sudo apt-get install nodejs npm)."
command -v jupyter-notebook >/dev/null || fail "jupyter-notebook not found; run ./install.sh (Debian/Ubuntu: sudo apt-get install jupyter-notebook)."
command -v lingo >/dev/null || fail "lingo not found on PATH or in ~/.local/bin; run ./install.sh."
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	say "installing playwright-core (npm ci in $HERE; it never downloads a browser)"
	(cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) ||
		fail "npm ci failed in $HERE; install nodejs and npm, then run: (cd $HERE && npm ci)."
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lingo-browser.XXXXXX")
SERVER_PID=
DRIVER_PID=
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
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$TMP/config" "$TMP/runtime" "$TMP/notebooks"
NOTEBOOK=${LINGO_TOUR_NOTEBOOK:-$ROOT/notebooks/00-tour.ipynb}
cp "$NOTEBOOK" "$TMP/notebooks/00-tour.ipynb" || fail "cannot copy $NOTEBOOK"
TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

ROOTFLAG=
[ "$(id -u)" -eq 0 ] && ROOTFLAG=--allow-root # CI runs as root
say "starting jupyter-notebook on 127.0.0.1:$PORT (log: $TMP/server.log while it runs)"
# setsid gives the server its own process group, so cleanup can end the
# kernel and worker it started even if the server itself dies first.
JUPYTER_CONFIG_DIR="$TMP/config" JUPYTER_RUNTIME_DIR="$TMP/runtime" \
	setsid jupyter-notebook --no-browser --ip=127.0.0.1 --port="$PORT" --port-retries=0 \
	--notebook-dir="$TMP/notebooks" --NotebookApp.token="$TOKEN" \
	--NotebookApp.password= $ROOTFLAG >"$TMP/server.log" 2>&1 </dev/null &
SERVER_PID=$!

PNG=${LINGO_TOUR_PNG:-$ROOT/notebooks/tour.png}
timeout -k 10 300 node "$HERE/tour.test.mjs" \
	--url "http://127.0.0.1:$PORT" --token "$TOKEN" --notebook 00-tour.ipynb \
	--notebook-file "$TMP/notebooks/00-tour.ipynb" \
	--chromium "$CHROMIUM" --profile "$TMP/profile" --screenshot "$PNG" \
	--server-pid "$SERVER_PID" ${LINGO_TOUR_HAN_TEXT:+--han-text "$LINGO_TOUR_HAN_TEXT"} \
	${LINGO_TOUR_CHART_PNG:+--chart-screenshot "$LINGO_TOUR_CHART_PNG"} &
DRIVER_PID=$!
wait "$DRIVER_PID"
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then # timeout's codes
	say "FAIL: timed out after 300 s"
fi
if [ $rc -ne 0 ]; then
	say "last lines of the notebook server's log:"
	tail -n 30 "$TMP/server.log" | sed 's/^/    /'
fi
exit $rc
