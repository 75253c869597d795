#!/usr/bin/env bash
# The README's set-up commands, run exactly as written, one after the other
# in one fresh login shell (bash -l) of a fresh clone with a fresh HOME, in
# which ~/.local/bin is not on PATH — the state of a new machine right after
# login. Passes when both commands succeed, tour.html is written, the clone
# is left clean (lingo run does not rewrite the notebook), and `lingo` is on
# PATH in that same shell afterwards.
#
# As root (with unshare), /usr/local/bin is replaced by an empty directory in
# a private mount namespace, so install.sh's link goes there and the real
# /usr/local/bin is untouched; otherwise the fresh HOME has a ~/bin on PATH.
# The Go build and module caches and $LINGO_DATA are shared with the caller
# (speed only); everything else starts empty.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/lingo-readme.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
H=$T/home
mkdir -p "$H" "$T/usr-local-bin"
git clone -q "$ROOT" "$T/lingo"
GOBIN_DIR=$(dirname "$(command -v go)")
cat >"$H/.profile" <<EOF
# Debian's /etc/skel/.profile, then the line Go's install guide adds.
if [ -d "\$HOME/bin" ]; then PATH="\$HOME/bin:\$PATH"; fi
if [ -d "\$HOME/.local/bin" ]; then PATH="\$HOME/.local/bin:\$PATH"; fi
export PATH="\$PATH:$GOBIN_DIR"
EOF
commands=$(awk '/^## Set up/ {s = 1} s && /^```sh/ {f = 1; next} f && /^```/ {exit} f' "$T/lingo/README.md")
[ -n "$commands" ] || { echo "readme-commands: no sh block under '## Set up' in README.md" >&2; exit 1; }
printf 'README commands:\n%s\n' "$commands"

wrap=()
if [ "$(id -u)" -eq 0 ] && unshare -m --propagation private true 2>/dev/null; then
	want=/usr/local/bin/lingo
	wrap=(unshare -m --propagation private sh -c 'mount --bind "$0" /usr/local/bin && exec "$@"' "$T/usr-local-bin")
else
	want=$H/bin/lingo
	mkdir -p "$H/bin"
fi
data=${LINGO_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/lingo}
# shellcheck disable=SC2016 # expanded by the inner shell
"${wrap[@]}" env -i HOME="$H" USER="$(id -un)" LOGNAME="$(id -un)" TERM=dumb LANG=C.UTF-8 \
	GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" LINGO_DATA="$data" \
	LINGO_BROWSER_TESTS=0 LINGO_SCALE=ci \
	bash -lc 'set -e; cd "$1"; eval "$2"; echo "lingo on PATH: $(command -v lingo)"; [ "$(command -v lingo)" = "$3" ]' \
	bash "$T/lingo" "$commands" "$want" </dev/null

[ -s "$T/lingo/tour.html" ] || { echo "readme-commands: tour.html was not written" >&2; exit 1; }
dirty=$(git -C "$T/lingo" status --porcelain)
[ -z "$dirty" ] || { printf 'readme-commands: the README commands changed the checkout:\n%s\n' "$dirty" >&2; exit 1; }
echo "readme-commands: ok (tour.html $(wc -c <"$T/lingo/tour.html") bytes, checkout clean, lingo at $want)"
