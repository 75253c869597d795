#!/usr/bin/python3
"""NLTK 3.8 side of the n-gram benchmark (run by testdata/bench.sh).

Builds a 5-gram KneserNeyInterpolated model (NLTK has no modified KN) on the
same corpus, tokenisation and split as TestBenchmarkCorpus in bench_test.go,
then scores the first K held-out 5-grams (NLTK padding). Prints wall and CPU
times, the perplexity of those K n-grams, and peak RSS.

usage: bench_nltk.py CORPUS(file or directory of .txt) [K]
"""
import glob
import math
import os
import re
import resource
import sys
import time

import nltk
from nltk.lm import KneserNeyInterpolated
from nltk.lm.preprocessing import padded_everygram_pipeline, pad_both_ends
from nltk.util import ngrams

SENT_END = re.compile(r"[.!?]+|\n\s*\n")
TOKEN = re.compile(r"[a-z']+")


def load(path):
    files = sorted(glob.glob(os.path.join(path, "*.txt"))) if os.path.isdir(path) else [path]
    sents = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for s in SENT_END.split(fh.read().lower()):
                toks = TOKEN.findall(s)
                if toks:
                    sents.append(toks)
    return sents


def main():
    path = sys.argv[1]
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    sents = load(path)
    train = [s for i, s in enumerate(sents) if i % 50 != 49]
    test = [s for i, s in enumerate(sents) if i % 50 == 49]
    print(f"nltk {nltk.__version__}: {len(train)} train sentences, {sum(map(len, train))} tokens; {len(test)} test sentences")
    t0, c0 = time.perf_counter(), time.process_time()
    lm = KneserNeyInterpolated(5)
    grams, vocab = padded_everygram_pipeline(5, train)
    lm.fit(grams, vocab)
    print(f"build KneserNeyInterpolated(5): {time.perf_counter() - t0:.2f}s wall, {time.process_time() - c0:.2f}s CPU; "
          f"n-grams by order: {' '.join(str(sum(len(d) for d in lm.counts[n].values()) if n > 1 else len(lm.counts.unigrams)) for n in range(1, 6))}")
    grams = [g for s in test for g in ngrams(list(pad_both_ends(s, n=5)), 5)][:k]
    t0, c0 = time.perf_counter(), time.process_time()
    lp = sum(lm.logscore(g[-1], g[:-1]) for g in grams)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"score {len(grams)} n-grams: {wall:.3f}s wall, {cpu:.3f}s CPU; perplexity {2 ** (-lp / len(grams)):.10g}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} KB")


if __name__ == "__main__":
    main()
