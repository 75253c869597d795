#!/usr/bin/env bash
# htmlmanager.sh — widget protocol 2.1 checked offline with the front end
# that ipywidgets 8 itself uses for static pages: npm's
# @jupyter-widgets/html-manager.
#
# lingo run executes a notebook that makes every kind of widget and changes
# their values in later cells; Debian's nbconvert turns it into HTML whose
# widget script is html-manager's dist/embed-amd.js (fetched with npm pack
# into node_modules/, never from a CDN) and whose require.js is the classic
# Notebook's; htmlmanager.test.mjs opens the page in Debian's headless
# Chromium and checks that html-manager renders every widget from the state
# lingo run saved, with its last values. LINGO_HTMLMANAGER_PNG saves a
# screenshot.
#
#   bash kernel/testdata/browser/htmlmanager.sh
#
# Skips (exit 0) when /usr/bin/chromium is absent.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CHROMIUM=${LINGO_CHROMIUM:-/usr/bin/chromium}
VERSION=1.0.15 # @jupyter-widgets/html-manager for ipywidgets 8.1 (controls 2.0.0, protocol 2.1)
export PATH="$HOME/.local/bin:$PATH"

say() { printf 'html-manager test: %s\n' "$*"; }
fail() { printf 'html-manager test: FAIL: %s\n' "$*" >&2; exit 1; }

if [ ! -x "$CHROMIUM" ]; then
	say "SKIP: $CHROMIUM not found; protocol 2.1 was not checked in a browser."
	exit 0
fi
command -v node >/dev/null || fail "node not found (Debian/Ubuntu: sudo apt-get install nodejs npm)."
command -v lingo >/dev/null || fail "lingo not found on PATH or in ~/.local/bin; run ./install.sh."
REQUIRE=/usr/lib/python3/dist-packages/notebook/static/components/requirejs/require.js
[ -f "$REQUIRE" ] || fail "$REQUIRE is missing (Debian/Ubuntu: sudo apt-get install jupyter-notebook)."
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) || fail "npm ci failed in $HERE."
fi
HM="$HERE/node_modules/.lingo-html-manager-$VERSION"
if [ ! -f "$HM/dist/embed-amd.js" ]; then
	say "fetching @jupyter-widgets/html-manager@$VERSION with npm pack (its dist/ is self-contained)"
	PACK=$(mktemp -d)
	(cd "$PACK" && npm pack --silent "@jupyter-widgets/html-manager@$VERSION" >/dev/null) || fail "npm pack @jupyter-widgets/html-manager@$VERSION failed."
	mkdir -p "$HM" && tar xzf "$PACK"/*.tgz -C "$HM" --strip-components=1 || fail "cannot unpack html-manager"
	rm -rf "$PACK"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lingo-htmlmanager.XXXXXX")
DRIVER_PID=
cleanup() {
	[ -n "$DRIVER_PID" ] && kill -KILL -- "-$DRIVER_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

/usr/bin/python3 - "$TMP/widgets.ipynb" <<'PY' || fail "cannot write the test notebook"
import sys, nbformat
nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}
nb.cells = [nbformat.v4.new_code_cell(c) for c in [
    'import "github.com/lingo-nlp/lingo/plots/widgets"\n'
    'k := widgets.NewIntSlider(widgets.Int{Label: "top-k", Min: 1, Max: 50, Value: 10})\n'
    'temp := widgets.NewFloatSlider(widgets.Float{Label: "temperature", Min: 0.1, Max: 2, Step: 0.05, Value: 1})\n'
    'lr := widgets.NewFloatSlider(widgets.Float{Label: "learning rate", Min: 1e-4, Max: 1e-1, Value: 1e-2, Log: true})\n'
    'word := widgets.NewDropdown("word", []string{"war", "peace", "tax"}, "war")\n'
    'smooth := widgets.NewCheckbox("smooth", false)\n'
    'prompt := widgets.NewText("prompt", "the")\n'
    'widgets.Display(widgets.VBox(widgets.NewLabel("every control"), widgets.HBox(k, temp), lr, word, smooth, prompt, widgets.NewButton("Train"), widgets.NewHTML("<b>bold</b> HTML")))',
    'out := widgets.NewOutput()\nout.Display(plots.NewBarChart("bars", []string{"a", "b"}, []float64{1, 2}))\nout',
    'ia := widgets.Interact(func(k int, w string) string { return fmt.Sprintf("%s×%d", w, k) }, k, word)',
    'k.SetValue(17)\ntemp.SetValue(0.35)\nlr.SetValue(0.001)\nword.SetValue("tax")\nsmooth.SetValue(true)\nprompt.SetValue("a new prompt")\nia.Wait()',
]]
nbformat.write(nb, sys.argv[1])
PY
say "lingo run: executing the widget notebook"
lingo run "$TMP/widgets.ipynb" -o "$TMP/widgets.ipynb" --timeout 300 >"$TMP/run.log" 2>&1 || { cat "$TMP/run.log"; fail "lingo run failed"; }
/usr/bin/python3 -m nbconvert --to html "$TMP/widgets.ipynb" --output "$TMP/widgets.html" \
	--HTMLExporter.widget_renderer_url="file://$HM/dist/embed-amd.js" \
	--HTMLExporter.require_js_url="file://$REQUIRE" >"$TMP/nbconvert.log" 2>&1 || { cat "$TMP/nbconvert.log"; fail "nbconvert failed"; }

timeout -k 10 120 node "$HERE/htmlmanager.test.mjs" --page "$TMP/widgets.html" --notebook "$TMP/widgets.ipynb" \
	--embed "$HM/dist/embed.js" \
	--chromium "$CHROMIUM" --screenshot "${LINGO_HTMLMANAGER_PNG:-}" &
DRIVER_PID=$!
wait "$DRIVER_PID"
