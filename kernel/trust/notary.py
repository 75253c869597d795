# Signs or checks notebooks with nbformat's NotebookNotary, reading each one
# as Jupyter's contents manager does. Usage: python3 notary.py sign|check PATH...
# Prints a JSON list of {"path", "trusted", "error"}, one per PATH.
import json
import sys

import nbformat
from nbformat.sign import NotebookNotary

mode, paths = sys.argv[1], sys.argv[2:]
notary = NotebookNotary()
results = []
for path in paths:
    r = {"path": path, "trusted": False, "error": ""}
    try:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
        if (raw.get("nbformat"), raw.get("nbformat_minor", 0)) >= (4, 5):
            missing = [i for i, c in enumerate(raw.get("cells", [])) if "id" not in c]
            if missing:
                # nbformat gives such a cell a new random id on every read,
                # so the signature it computes never matches a stored one.
                which = "cell %d has" % missing[0] if len(missing) == 1 else \
                    "cells %s have" % ", ".join(str(i) for i in missing)
                raise ValueError(
                    "%s no \"id\" (nbformat 4.5 requires one; Jupyter makes up a new one "
                    "on every read, so no signature can ever match): give every cell a "
                    "unique id" % which)
        nb = nbformat.reads(json.dumps(raw), as_version=4)
        if mode == "sign" and not notary.check_signature(nb):
            notary.sign(nb)
        r["trusted"] = notary.check_signature(nb)
    except Exception as e:  # reported per notebook, the others go on
        r["error"] = "%s: %s" % (type(e).__name__, e)
    results.append(r)
json.dump(results, sys.stdout)
