#!/usr/bin/python3
"""Writes tok13a.json: inputs and sacreBLEU's 13a tokenisation of them.

sacreBLEU is not packaged for Debian; run this with a checkout of
mjpost/sacrebleu (the cases committed were made at commit f615c72) on the
path. Only its tokenizers/ directory is imported, which needs nothing but
the standard library:

    PYTHONPATH=/path/to/sacrebleu-checkout /usr/bin/python3 testdata/gen_13a.py > testdata/tok13a.json
"""
import importlib.util
import json
import random
import sys
import types

# Import sacrebleu.tokenizers.tokenizer_13a without sacrebleu/__init__.py
# (which pulls in portalocker, numpy, …).
root = next(p for p in sys.path if p and __import__("os").path.isdir(p + "/sacrebleu/tokenizers"))
pkg = types.ModuleType("sacrebleu")
pkg.__path__ = [root + "/sacrebleu"]
sys.modules["sacrebleu"] = pkg
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a  # noqa: E402

tok = Tokenizer13a()
inputs = [
    "", " ", "Hello, world!", "The dog bit the man.", "It wasn't surprising.",
    "3.14 and 1,000 and 2-3 and a-b", "e.g. U.S.A. ...", "(hi) [x] {y} <z>",
    "&quot;quoted&quot; &amp; &lt;tag&gt; &amp;quot;", "a<skipped>b", "line-\nbreak\nnext",
    "€100 — “smart quotes” – naïve café", "tab\tand\x1cfile\x1fsep\u00a0nbsp\u2009thin",
    "$5.00, 10% off; x@y.z/w", "end.", ".start", "1.", ".1", "a,1", "1,a", "--", "1--2",
    "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;",
    "日本語。テスト、です.", "emoji 🙂.", "back\\slash ^caret_ `tick` ~tilde|pipe",
]
rng = random.Random(13)
alphabet = list("ab1 9.,-&;'\"()<>!?/\\_`~|{}[]^@#$%*+=:\n\t") + ["é", "中", "\u00a0", "\x1c", "&amp;", "&quot;", "<skipped>", "-\n"]
for _ in range(300):
    inputs.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20))))
print(json.dumps({"generator": "testdata/gen_13a.py", "sacrebleu_commit": "f615c72",
                  "cases": [{"in": s, "out": tok(s)} for s in inputs]}, ensure_ascii=False, indent=0))
