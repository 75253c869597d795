#!/usr/bin/env bash
# smoke-image.sh — try the single-user image build-image.sh made, without a
# cluster: in a buildah container of it, as uid 1000 (the user
# zero-to-jupyterhub runs servers as), run what a student's pod runs.
#
#   sudo deploy/smoke-image.sh [IMAGE]     # default localhost/lingo-singleuser:latest
#
# Steps: lingo lessons (the postStart hook of config.yaml); lingo doctor;
# lingo run on a three-cell notebook (fmt.Println, then nlp/text and
# nlp/wordnet against the image's WordNet), printing each cell's time — the
# first is a brand-new user's first cell; the same notebook through
# Jupyter's own client and the installed kernelspec (jupyter nbconvert
# --execute); jupyterhub-singleuser --help (the pod's command). The container is removed at the end; the image is kept.
# Exits non-zero if a step fails or the notebook's outputs are not the
# expected ones.
set -euo pipefail
IMAGE=${1:-localhost/lingo-singleuser:latest}
export BUILDAH_ISOLATION=chroot # no OCI runtime needed
step() { printf '\n==> %s\n' "$*"; }
c=$(buildah from "$IMAGE")
tmp=$(mktemp -d)
trap 'buildah rm "$c" >/dev/null; rm -rf "$tmp"' EXIT
run() { buildah run --user 1000:100 "$c" -- "$@"; }

step "lingo lessons /home/jovyan/lingo-lessons (config.yaml's postStart hook)"
run lingo lessons /home/jovyan/lingo-lessons

step "lingo doctor (uid 1000, HOME=/home/jovyan)"
doctor=0
run lingo doctor || doctor=$?
echo "(exit $doctor)"

step "the shared install is read-only for the user"
for d in /usr/local/lib/lingo/cache /usr/local/lib/lingo/gomod /usr/local/share/lingo; do
	if run sh -c "touch $d/smoke-write-test" 2>/dev/null; then
		echo "FAIL: uid 1000 can write $d"
		exit 1
	fi
	echo "not writable by uid 1000: $d"
done

step "lingo run smoke.ipynb (a new user's first cells)"
cat >"$tmp/smoke.ipynb" <<'EOF'
{
 "cells": [
  {"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [],
   "source": ["fmt.Println(\"hello\")"]},
  {"cell_type": "code", "execution_count": null, "id": "c2", "metadata": {}, "outputs": [],
   "source": ["import (\n", "    \"github.com/lingo-nlp/lingo/nlp/text\"\n", "    \"github.com/lingo-nlp/lingo/nlp/wordnet\"\n", ")"]},
  {"cell_type": "code", "execution_count": null, "id": "c3", "metadata": {}, "outputs": [],
   "source": ["wn, err := wordnet.Open(\"\")\n", "if err != nil {\n", "    panic(err)\n", "}\n",
              "dog := wn.Synsets(\"dog\", wordnet.Noun)\n",
              "fmt.Println(len(dog), dog[0].Name())\n",
              "fmt.Println(text.Words(\"The cat sat on the mat.\"))"]}
 ],
 "metadata": {"kernelspec": {"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}},
 "nbformat": 4, "nbformat_minor": 5
}
EOF
buildah copy --chown 1000:100 "$c" "$tmp/smoke.ipynb" /home/jovyan/smoke.ipynb >/dev/null
start=$(date +%s.%N)
run lingo run /home/jovyan/smoke.ipynb -o /home/jovyan/smoke.out.ipynb
echo "lingo run, kernel start included: $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }") s"
run cat /home/jovyan/smoke.out.ipynb >"$tmp/out.ipynb"
# WordNet 3.0 has 7 noun senses of "dog", the first dog.n.01 (NLTK agrees).
for want in 'hello' '7 dog.n.01' '[the cat sat on the mat]'; do
	grep -qF "$want" "$tmp/out.ipynb" || { echo "FAIL: the executed notebook has no output \"$want\""; exit 1; }
	echo "output ok: $want"
done

step "the same notebook through Jupyter's own client (nbconvert --execute, kernelspec lingo)"
run python3 -c 'from jupyter_client.kernelspec import KernelSpecManager as M; print(M().find_kernel_specs())'
run sh -c 'cd /home/jovyan && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=lingo --output smoke.nbconvert.ipynb smoke.ipynb'
run cat /home/jovyan/smoke.nbconvert.ipynb >"$tmp/nbconvert.ipynb"
for want in 'hello' '7 dog.n.01' '[the cat sat on the mat]'; do
	grep -qF "$want" "$tmp/nbconvert.ipynb" || { echo "FAIL: nbconvert's notebook has no output \"$want\""; exit 1; }
done
echo "outputs ok"

step "jupyterhub-singleuser --help"
run jupyterhub-singleuser --help >"$tmp/help" 2>&1 || { cat "$tmp/help"; echo "FAIL: jupyterhub-singleuser --help"; exit 1; }
head -n 3 "$tmp/help"
run jupyterhub-singleuser --version

[ "$doctor" = 0 ] || { echo "FAIL: lingo doctor exited $doctor"; exit 1; }
echo
echo "smoke test of $IMAGE: ok"
