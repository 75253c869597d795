#!/usr/bin/python3
"""Writes testdata/nltk.json: scores and perplexities from NLTK 3.8's nltk.lm.

Run with Debian's python3-nltk:  /usr/bin/python3 testdata/gen_nltk.py
The Go test (nltk_test.go) trains the same corpora with Config{NLTK: true}
and compares every number to 1e-9.

Floats are written as strings (repr) so that inf survives JSON.
"""
import json
import os

import nltk
from nltk.lm import (MLE, Laplace, Lidstone, KneserNeyInterpolated,
                     WittenBellInterpolated, AbsoluteDiscountingInterpolated,
                     StupidBackoff, Vocabulary)
from nltk.lm.preprocessing import padded_everygram_pipeline, pad_both_ends
from nltk.util import ngrams

assert nltk.__version__ == "3.8", nltk.__version__

CORPORA = {
    # The example of nltk.lm's documentation.
    "nltk-doc": (
        [["a", "b", "c"], ["a", "c", "d", "c", "e", "f"]],
        [["a", "b", "c", "d"], ["c", "e", "g"], ["b", "a"]],
    ),
    # A toy corpus in the spirit of the lecture's examples.
    "lecture": (
        [s.split() for s in [
            "today the price of oil rose",
            "today the company said the price of gold fell",
            "the students opened their books",
            "the students opened their exams today",
            "the bank said the price of the shares rose today",
            "today the bank opened",
            "the company opened the books",
            "students read their books today",
            "the price rose and the price fell",
            "today the students said the exams were hard",
        ]],
        [s.split() for s in [
            "today the price of gold rose",
            "the students opened their minds",
            "the bank fell today",
            "zebras opened the company",
        ]],
    ),
}

MODELS = [
    # name, constructor(order), parameter recorded for the Go side
    ("MLE", lambda n: MLE(n), 0),
    ("Laplace", lambda n: Laplace(n), 1),
    ("Lidstone", lambda n: Lidstone(0.3, n), 0.3),
    ("KneserNey", lambda n: KneserNeyInterpolated(n), 0.1),
    ("KneserNey", lambda n: KneserNeyInterpolated(n, discount=0.75), 0.75),
    ("WittenBell", lambda n: WittenBellInterpolated(n), 0),
    ("AbsoluteDiscount", lambda n: AbsoluteDiscountingInterpolated(n), 0.75),
    ("StupidBackoff", lambda n: StupidBackoff(order=n), 0.4),
]


def queries(train, test, n):
    """(context, word) pairs: every order-n window of the padded sentences,
    and every shorter suffix of its context."""
    seen, out = set(), []
    for sent in train + test:
        for g in ngrams(list(pad_both_ends(sent, n=n)), n) if n > 1 else [(w,) for w in sent]:
            for j in range(len(g)):
                q = (tuple(g[j:-1]), g[-1])
                if q not in seen:
                    seen.add(q)
                    out.append(q)
    return out


def test_ngrams(test, n):
    return [g for s in test for g in ngrams(list(pad_both_ends(s, n=n)), n)] if n > 1 \
        else [(w,) for s in test for w in s]


def main():
    cases = []
    for cname, (train, test) in CORPORA.items():
        for n in (1, 2, 3, 4):
            for cutoff in (1, 2):
                for mname, make, param in MODELS:
                    if mname == "KneserNey" and n == 1:
                        continue  # NLTK's KN needs bigrams (division by zero)
                    if cutoff == 2 and cname != "lecture":
                        continue
                    lm = make(n)
                    grams, vocab_text = padded_everygram_pipeline(n, train)
                    if cutoff != 1:
                        lm.vocab = Vocabulary(unk_cutoff=cutoff)
                    lm.fit(grams, vocab_text)
                    scores = []
                    for ctx, w in queries(train, test, n):
                        scores.append({"context": list(ctx), "word": w,
                                       "score": repr(float(lm.score(w, ctx or None)))})
                    ppl = lm.perplexity(test_ngrams(test, n))
                    cases.append({"corpus": cname, "order": n, "cutoff": cutoff,
                                  "model": mname, "param": param,
                                  "vocab_size": len(lm.vocab),
                                  "scores": scores, "perplexity": repr(float(ppl))})
    out = {"nltk_version": nltk.__version__, "corpora": {k: {"train": v[0], "test": v[1]} for k, v in CORPORA.items()},
           "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nltk.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)
        f.write("\n")
    print("wrote", path, len(cases), "cases", sum(len(c["scores"]) for c in cases), "scores")


if __name__ == "__main__":
    main()
