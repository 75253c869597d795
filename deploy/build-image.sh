#!/usr/bin/env bash
# build-image.sh — build Lingo's single-user image (deploy/Containerfile)
# without pulling a base image: the base is a Debian 12 root filesystem made
# here with mmdebstrap (minbase, from Debian's own mirrors for bookworm,
# bookworm-updates and bookworm-security), imported with buildah.
#
#   sudo deploy/build-image.sh [--tag NAME] [--base IMAGE] [--context DIR] [--context-only]
#
# The build context holds this repository's files (tracked and new, as in the
# working tree), the Go toolchain this machine builds with ($(go env GOROOT)),
# the Go modules Lingo needs in GOPROXY layout, and the corpora installed in
# $LINGO_DATA; the image build fetches Debian packages only (the image has no
# npm: a corpus missing here is missing there, and lingo doctor in the image
# names it; install them first with nlp/corpus/install-data.sh). --base IMAGE uses an existing image instead of
# mmdebstrap; --context-only stops after preparing the context (to build it
# with another tool: docker build --build-arg BASE=debian:bookworm -f
# deploy/Containerfile DIR). Needs buildah and mmdebstrap (apt); every
# buildah step runs with chroot isolation (no OCI runtime or cgroup setup
# needed) on the storage driver buildah is configured with (STORAGE_DRIVER=vfs
# where overlay mounts are not allowed). deploy/smoke-image.sh tries the
# result. The context and the built image's size are printed at the end.
set -euo pipefail
export BUILDAH_ISOLATION=chroot
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
TAG=localhost/lingo-singleuser:latest
BASE=
CTX=
ONLY=0
while [ $# -gt 0 ]; do
	case $1 in
	--tag) TAG=$2; shift ;;
	--base) BASE=$2; shift ;;
	--context) CTX=$2; shift ;;
	--context-only) ONLY=1 ;;
	*) echo "build-image.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
step() { printf '\n==> %s (%d s)\n' "$*" $(( $(date +%s) - START )); }
START=$(date +%s)
if [ $ONLY = 0 ]; then
	for t in buildah mmdebstrap; do
		command -v $t >/dev/null || { echo "build-image.sh: $t is missing (apt-get install buildah mmdebstrap)" >&2; exit 1; }
	done
fi
[ -n "$CTX" ] || CTX=$(mktemp -d /var/tmp/lingo-image.XXXXXX)
mkdir -p "$CTX/lingo" "$CTX/lingodata"

step "Context in $CTX: the repository"
git -C "$ROOT" ls-files -z --cached --others --exclude-standard | grep -zv '^kernel/testdata/browser/node_modules/' |
	(cd "$ROOT" && tar -cf - --null --no-recursion -T -) | tar -xf - -C "$CTX/lingo"

step "the Go toolchain ($(go env GOVERSION))"
rm -rf "$CTX/go"
cp -a "$(go env GOROOT)" "$CTX/go"

step "Lingo's modules, GOPROXY layout"
rm -rf "$CTX/gomodproxy" "$CTX/modtmp"
PROXY=$(go env GOPROXY)
[ -d "$(go env GOMODCACHE)/cache/download" ] && PROXY="file://$(go env GOMODCACHE)/cache/download,$PROXY"
(cd "$ROOT" && GOMODCACHE="$CTX/modtmp" GOPROXY="$PROXY" GOFLAGS=-mod=mod go mod download)
mv "$CTX/modtmp/cache/download" "$CTX/gomodproxy"
chmod -R u+w "$CTX/modtmp" && rm -rf "$CTX/modtmp"

step "the corpora in ${LINGO_DATA:-$HOME/.local/share/lingo}"
DATA=${LINGO_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/lingo}
for d in "$DATA"/*/; do
	[ -d "$d" ] && cp -R "$d" "$CTX/lingodata/"
done
du -sh "$CTX"/* | sed 's/^/  /'
[ $ONLY = 1 ] && { echo "context ready: $CTX"; exit 0; }

if [ -z "$BASE" ]; then
	step "Base image: Debian 12 (bookworm) root filesystem from mmdebstrap"
	BASE=localhost/debian-bookworm-mmdebstrap:latest
	if ! buildah inspect --type image "$BASE" >/dev/null 2>&1; then
		mmdebstrap --variant=minbase --include=ca-certificates bookworm "$CTX/rootfs.tar"
		c=$(buildah from scratch)
		buildah add "$c" "$CTX/rootfs.tar" /
		buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd /bin/bash "$c"
		buildah commit --rm "$c" "$BASE"
		rm -f "$CTX/rootfs.tar"
	fi
fi

step "buildah bud -f deploy/Containerfile -t $TAG (base $BASE)"
buildah bud --isolation chroot --layers=false --build-arg BASE="$BASE" -f "$HERE/Containerfile" -t "$TAG" "$CTX"
buildah inspect --type image --format '{{.FromImageID}} {{.Docker.Config.Cmd}}' "$TAG"
buildah images "$TAG"
echo "built $TAG in $(( $(date +%s) - START )) s from context $CTX (remove it when done)"
