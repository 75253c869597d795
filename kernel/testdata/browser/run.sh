#!/usr/bin/env bash
# run.sh — the notebooks in a real browser.
#
#   bash kernel/testdata/browser/run.sh [lessons] [tour] [html]    (default: all)
#
# Starts Debian's Jupyter Notebook server (jupyter-notebook) on 127.0.0.1 with
# a random token, a fresh config and runtime directory and temporary copies of
# the notebooks, and drives Debian's headless Chromium through it
# (playwright-core, executablePath /usr/bin/chromium, never a downloaded
# browser). The Jupyter data directory is the user's own, so the notebooks
# are trusted exactly when they are trusted for the user.
#
#   lessons  lessons.test.mjs opens every notebooks/*.ipynb and
#            notebooks/zh/*.ipynb (the Chinese edition) without running a
#            cell, as a freshly installed user would, and checks that Jupyter
#            trusts it and shows every stored chart as an image and every
#            stored HTML output as HTML, and that code cells show no tab
#            arrows their source does not have. Screenshots (one full page
#            and one around the first chart per notebook) go to
#            $LINGO_SCREENSHOTS (default: /tmp/lingo-screenshots).
#   tour     tour.test.mjs runs every cell of notebooks/00-tour.ipynb with the
#            Lingo kernel and checks the outputs: an SVG chart and an HTML
#            table, no error. It saves a full-page screenshot to
#            $LINGO_TOUR_PNG (default: /tmp/lingo-screenshots/00-tour-run.png);
#            LINGO_TOUR_NOTEBOOK checks another copy of the tour;
#            LINGO_TOUR_HAN_TEXT names Chinese text a chart of it must show
#            in real glyphs (the Chinese edition's tour: 训练损失), and
#            LINGO_TOUR_CHART_PNG where to save that chart.
#   html     `lingo run --html` on a notebook holding the Markdown cells of
#            every lesson; html.test.mjs opens the page offline and checks
#            that KaTeX typeset every formula ($LINGO_SCREENSHOTS/math.png).
#
# Skips (exit 0) when /usr/bin/chromium is absent. The server, its kernels and
# their workers are always stopped, whatever happens. Needs: chromium,
# nodejs + npm (npm ci in this directory; done here if node_modules is missing),
# jupyter-notebook, and `lingo` installed with its kernelspec (install.sh).
set -uo pipefail

LABEL="browser test"
. "$(dirname "$0")/common.sh"

require_tools "the notebooks were not checked in a browser."
install_playwright
make_tmp lingo-browser

MODES=${*:-lessons tour html}
SHOTS=${LINGO_SCREENSHOTS:-${TMPDIR:-/tmp}/lingo-screenshots}
mkdir -p "$TMP/config" "$TMP/runtime" "$TMP/notebooks"
NOTEBOOK=${LINGO_TOUR_NOTEBOOK:-$ROOT/notebooks/00-tour.ipynb}
cp "$NOTEBOOK" "$TMP/notebooks/tour-run.ipynb" || fail "cannot copy $NOTEBOOK"
LESSONS=
mkdir -p "$TMP/notebooks/zh"
for nb in "$ROOT"/notebooks/*.ipynb "$ROOT"/notebooks/zh/*.ipynb; do
	[ -e "$nb" ] || continue
	name=${nb#"$ROOT/notebooks/"}
	cp "$nb" "$TMP/notebooks/$name" || fail "cannot copy $nb"
	LESSONS="$LESSONS${LESSONS:+,}$name"
done
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

# drive SCRIPT SECONDS ARGS…: one node script under timeout(1), which leads
# its own process group (node and the Chromium it started), so cleanup can
# end it.
drive() {
	local script=$1 budget=$2
	shift 2
	timeout -k 10 "$budget" node "$HERE/$script" --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
		--chromium "$CHROMIUM" --server-pid "$SERVER_PID" "$@" &
	DRIVER_PID=$!
	wait "$DRIVER_PID"
	local rc=$?
	DRIVER_PID=
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then # timeout's codes
		say "FAIL: $script timed out after $budget s"
	fi
	return $rc
}

status=0
for mode in $MODES; do
	case $mode in
	lessons)
		drive lessons.test.mjs 1500 --notebooks "$LESSONS" --dir "$TMP/notebooks" --out "$SHOTS" \
			--profile "$TMP/profile-lessons" || status=1
		;;
	tour)
		drive tour.test.mjs 300 --notebook tour-run.ipynb --notebook-file "$TMP/notebooks/tour-run.ipynb" \
			--profile "$TMP/profile-tour" --screenshot "${LINGO_TOUR_PNG:-$SHOTS/00-tour-run.png}" \
			${LINGO_TOUR_HAN_TEXT:+--han-text "$LINGO_TOUR_HAN_TEXT"} \
			${LINGO_TOUR_CHART_PNG:+--chart-screenshot "$LINGO_TOUR_CHART_PNG"} || status=1
		;;
	html)
		# Every lesson's Markdown and one code cell, run by lingo run --html.
		OUT="$TMP/math.ipynb" node -e '
			const fs = require("fs");
			const cells = [];
			for (const f of process.argv.slice(2)) {
				for (const c of JSON.parse(fs.readFileSync(f, "utf8")).cells) if (c.cell_type === "markdown") cells.push(c);
			}
			cells.push({ cell_type: "code", metadata: {}, source: ["1 + 1"], outputs: [], execution_count: null });
			fs.writeFileSync(process.env.OUT, JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
		' "$ROOT"/notebooks/*.ipynb
		if lingo run "$TMP/math.ipynb" -o "$TMP/math-run.ipynb" --html "$TMP/math.html" --timeout 120 >"$TMP/math.log" 2>&1; then
			drive html.test.mjs 120 --html "$TMP/math.html" --screenshot "$SHOTS/math.png" --profile "$TMP/profile-html" || status=1
		else
			say "FAIL: lingo run --html on the lessons' Markdown failed:"
			sed 's/^/    /' "$TMP/math.log"
			status=1
		fi
		;;
	*) fail "unknown mode $mode (want lessons, tour or html)" ;;
	esac
done
if [ $status -ne 0 ]; then
	say "last lines of the notebook server's log:"
	tail -n 30 "$TMP/server.log" | sed 's/^/    /'
fi
exit $status
