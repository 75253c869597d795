"""Times NLTK 3.8 (Debian python3-nltk) and nlp/wordnet on the same WordNet
3.0 workload (the words, pairs and inflected forms of nltk.json) and prints
a table of medians side by side with the speed ratio.

Usage (from the repository root):
    /usr/bin/python3 nlp/wordnet/testdata/bench_nltk.py [REPS]
"""
import json
import os
import statistics
import subprocess
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(__file__))
warnings.simplefilter("ignore")

import gen_nltk  # noqa: E402  (for open_wordnet, which adds the lexnames file)
from nltk.corpus.reader.wordnet import WordNetCorpusReader, WordNetError  # noqa: E402

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
FIXTURE = os.path.join(os.path.dirname(__file__), "nltk.json")
w = json.load(open(FIXTURE))
root = gen_nltk.open_wordnet().root


def median(f):
    ts = []
    for _ in range(REPS):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


res = {}
state = {}


def do_open():
    state["wn"] = WordNetCorpusReader(root, None)


res["open"] = (1, median(do_open))
words = [x["word"] for x in w["words"]]


cold = []
for _ in range(REPS):
    wn = WordNetCorpusReader(root, None)
    t = time.perf_counter()
    for x in words:
        wn.synsets(x)
    cold.append(time.perf_counter() - t)
res["synsets cold"] = (len(words), statistics.median(cold))
WARM = 20


def warm():
    for _ in range(WARM):
        for x in words:
            wn.synsets(x)


res["synsets warm"] = (WARM * len(words), median(warm))
names = [x["first"] for x in w["words"] if "first" in x]
res["synset(name)"] = (WARM * len(names), median(lambda: [wn.synset(n) for _ in range(WARM) for n in names]))
forms = [m["form"] for m in w["morphy"]]
res["morphy"] = (len(forms), median(lambda: [wn.morphy(f) for f in forms]))
pairs = [(wn.synset(p["a"]), wn.synset(p["b"])) for p in w["pairs"]]
res["hypernym closure"] = (len(pairs), median(lambda: [list(a.closure(lambda s: s.hypernyms())) for a, b in pairs]))
res["path_similarity"] = (len(pairs), median(lambda: [a.path_similarity(b) for a, b in pairs]))
res["wup_similarity"] = (len(pairs), median(lambda: [a.wup_similarity(b) for a, b in pairs]))
dog = wn.synset("dog.n.01")
t = time.perf_counter()
dog.lch_similarity(dog)
res["lch first call (noun depth)"] = (1, time.perf_counter() - t)


def lch_all():
    for a, b in pairs:
        try:
            a.lch_similarity(b)
        except WordNetError:
            pass


res["lch_similarity"] = (len(pairs), median(lch_all))

repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
go = subprocess.run(
    ["go", "run", "./nlp/wordnet/testdata/bench", "-reps", str(REPS)],
    cwd=repo, capture_output=True, text=True, check=True,
)
gores = json.loads(go.stdout)

print(f"nlp/wordnet vs NLTK 3.8 on WordNet 3.0, medians of {REPS} runs (same machine, same run)")
print(f"{'operation':30} {'n':>6} {'NLTK':>14} {'Go':>14} {'Go speed-up':>12}")


def fmt(n, s):
    if n == 1:
        return f"{s * 1e3:9.1f} ms"
    return f"{n / s:10.0f} /s" if s > 0 else "inf"


for k, (n, s) in res.items():
    g = gores[k]
    print(f"{k:30} {n:>6} {fmt(n, s):>14} {fmt(g['n'], g['seconds']):>14} {s / g['seconds']:11.1f}x")
