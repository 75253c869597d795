#!/usr/bin/python3
"""Writes nltk_bleu.json: BLEU cases scored by NLTK 3.8's corpus_bleu.

Run with Debian's Python (python3-nltk 3.8):

    /usr/bin/python3 testdata/gen_nltk.py > testdata/nltk_bleu.json

Every case holds tokenised references and hypotheses, the settings (weights,
smoothing method, auto_reweigh) and NLTK's score; TestNLTKCorpusBLEU checks
that metrics.NLTKCorpusBLEU gives the same number.
"""
import json
import random
import warnings

import nltk
from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu

warnings.simplefilter("ignore")  # method0 warns about orders with no match

sf = SmoothingFunction()
methods = [sf.method0, sf.method1, sf.method2, sf.method3, sf.method4]

cases = []


def add(name, refs, hyps, weights=(0.25, 0.25, 0.25, 0.25), smoothing=0, auto_reweigh=False):
    want = corpus_bleu(refs, hyps, weights=weights, smoothing_function=methods[smoothing],
                       auto_reweigh=auto_reweigh)
    cases.append({"name": name, "refs": refs, "hyps": hyps, "weights": list(weights),
                  "smoothing": smoothing, "auto_reweigh": auto_reweigh, "want": float(want)})


# Hand-written cases.
cat = "the cat sat on the mat".split()
add("identical", [[cat]], [cat])
add("one word changed", [[cat]], ["the cat sat on a mat".split()])
add("two references", [["the cat is on the mat".split(), "there is a cat on the mat".split()]],
    ["the the the the the the the".split()])
add("short hypothesis", [[cat]], ["the cat".split()])
add("no unigram match", [[cat]], ["a dog ran".split()])
add("empty hypothesis", [[cat]], [[]])
add("two segments", [[cat], ["a dog barked at the postman".split()]],
    ["the cat sat on mat".split(), "the dog barked at a postman today".split()])
for m in range(5):
    add("short hypothesis, method%d" % m, [[cat]], ["the cat sat".split()], smoothing=m)
add("auto reweigh", [[cat]], ["the cat sat".split()], auto_reweigh=True)
add("bigram weights", [[cat]], ["the cat sat on a mat".split()], weights=(0.5, 0.5))
add("skewed weights", [[cat]], ["the cat sat on a mat".split()], weights=(0.1, 0.3, 0.5, 0.1))

# Random cases over a small vocabulary, so that n-grams match often.
rng = random.Random(11)
vocab = "a b c d e f g h".split()
weight_sets = [(0.25, 0.25, 0.25, 0.25), (0.5, 0.5), (1 / 3, 1 / 3, 1 / 3), (0.1, 0.3, 0.5, 0.1),
               (0.2, 0.2, 0.2, 0.2, 0.2)]


def sent(lo, hi):
    return [rng.choice(vocab) for _ in range(rng.randint(lo, hi))]


for i in range(120):
    nseg = rng.randint(1, 5)
    refs = [[sent(1, 12) for _ in range(rng.randint(1, 3))] for _ in range(nseg)]
    hyps = [sent(0, 12) for _ in range(nseg)]
    add("random %d" % i, refs, hyps, weights=rng.choice(weight_sets), smoothing=rng.randrange(5),
        auto_reweigh=rng.random() < 0.2)

print(json.dumps({"generator": "testdata/gen_nltk.py", "nltk": nltk.__version__, "cases": cases}, indent=1))
