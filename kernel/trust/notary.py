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
            nb = nbformat.read(f, as_version=4)
        if mode == "sign" and not notary.check_signature(nb):
            notary.sign(nb)
        r["trusted"] = notary.check_signature(nb)
    except Exception as e:  # reported per notebook, the others go on
        r["error"] = "%s: %s" % (type(e).__name__, e)
    results.append(r)
json.dump(results, sys.stdout)
