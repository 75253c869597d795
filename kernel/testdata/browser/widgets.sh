#!/usr/bin/env bash
# widgets.sh — a lesson's widgets in a real browser, with the front end
# Debian 12 ships: the classic Jupyter Notebook 6 (jupyter-notebook) and its
# widgets extension (jupyter-nbextension-jupyter-js-widgets, which speaks
# widget protocol 1).
#
# Starts the notebook server on 127.0.0.1 with a random token, a fresh
# config and runtime directory, LINGO_SCALE=ci (the kernel inherits it) and a
# temporary copy of notebooks/04-ngram-lm.ipynb; widgets.test.mjs then drives
# Debian's headless Chromium (playwright-core, /usr/bin/chromium) to run every
# cell, drag the "discount D" slider with the mouse, and check that the chart
# below it is redrawn. It saves a screenshot of that cell, by default to
# notebooks/widgets.png (beside the tour's); set LINGO_WIDGETS_PNG to write it
# elsewhere, LINGO_WIDGETS_NOTEBOOK to use another copy of the lesson.
#
#   bash kernel/testdata/browser/widgets.sh
#
# Skips (exit 0) when /usr/bin/chromium is absent; fails when the widgets
# extension is not installed (Debian: sudo apt-get install
# jupyter-nbextension-jupyter-js-widgets). The server, its kernels and their
# workers are always stopped.
set -uo pipefail

LABEL="widgets browser test"
. "$(dirname "$0")/common.sh"

require_tools "the widgets were not checked in a browser."
[ -f /usr/share/jupyter/nbextensions/jupyter-js-widgets/extension.js ] ||
	fail "the notebook's widgets extension is missing (Debian/Ubuntu: sudo apt-get install jupyter-nbextension-jupyter-js-widgets)."
install_playwright
make_tmp lingo-widgets

mkdir -p "$TMP/config" "$TMP/runtime" "$TMP/notebooks"
NOTEBOOK=${LINGO_WIDGETS_NOTEBOOK:-$ROOT/notebooks/04-ngram-lm.ipynb}
NAME=$(basename "$NOTEBOOK")
cp "$NOTEBOOK" "$TMP/notebooks/$NAME" || fail "cannot copy $NOTEBOOK"
TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

ROOTFLAG=
[ "$(id -u)" -eq 0 ] && ROOTFLAG=--allow-root
say "starting jupyter-notebook on 127.0.0.1:$PORT with LINGO_SCALE=ci"
# The extension is enabled system-wide by Debian's package
# (/etc/jupyter/nbconfig/notebook.d), which the server reads whatever
# JUPYTER_CONFIG_DIR says.
LINGO_SCALE=ci JUPYTER_CONFIG_DIR="$TMP/config" JUPYTER_RUNTIME_DIR="$TMP/runtime" \
	setsid jupyter-notebook --no-browser --ip=127.0.0.1 --port="$PORT" --port-retries=0 \
	--notebook-dir="$TMP/notebooks" --NotebookApp.token="$TOKEN" \
	--NotebookApp.password= $ROOTFLAG >"$TMP/server.log" 2>&1 </dev/null &
SERVER_PID=$!

PNG=${LINGO_WIDGETS_PNG:-$ROOT/notebooks/widgets.png}
timeout -k 10 420 node "$HERE/widgets.test.mjs" \
	--url "http://127.0.0.1:$PORT" --token "$TOKEN" --notebook "$NAME" \
	--chromium "$CHROMIUM" --profile "$TMP/profile" --screenshot "$PNG" \
	--slider "discount D" --variable discount --server-pid "$SERVER_PID" &
DRIVER_PID=$!
wait "$DRIVER_PID"
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	say "FAIL: timed out after 420 s"
fi
if [ $rc -ne 0 ]; then
	say "last lines of the notebook server's log:"
	tail -n 30 "$TMP/server.log" | sed 's/^/    /'
fi
exit $rc
