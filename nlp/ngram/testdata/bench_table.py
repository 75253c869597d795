#!/usr/bin/env python3
"""Summarise testdata/bench.sh's log: medians over its rounds, side by side.

usage: bench_table.py LOG

bench.sh prints, per round, three sections (Lingo's 5-gram modified
Kneser–Ney model; Lingo's Kneser–Ney model with NLTK's conventions; NLTK
3.8's KneserNeyInterpolated(5)), each with a "build …: Xs wall, Ys CPU"
line, a "score …" line and a "peak RSS" line. This prints the median of
every figure and the ratios NLTK / Lingo, for the build alone and for the
build followed by the scoring (the task the ratio target is about).
Plain Python 3, no packages.
"""
import re
import statistics
import sys

SECTIONS = [
    ("lingo-mkn", "== nlp/ngram, 5-gram modified", "Lingo, modified KN (scores all held-out tokens)"),
    ("lingo-kn", "== nlp/ngram, 5-gram Kneser–Ney, NLTK", "Lingo, KN with NLTK's conventions (same 200 n-grams)"),
    ("nltk", "== NLTK 3.8", "NLTK 3.8 KneserNeyInterpolated(5) (200 n-grams)"),
]
TIME = re.compile(r"([0-9.]+)s wall, ([0-9.]+)s CPU")


def parse(lines):
    runs = {k: [] for k, _, _ in SECTIONS}
    cur = None
    for line in lines:
        if line.startswith("=="):
            cur = None
            for k, head, _ in SECTIONS:
                if line.startswith(head):
                    cur = {"k": k}
                    runs[k].append(cur)
            continue
        if cur is None:
            continue
        m = TIME.search(line)
        if line.startswith("build") and m:
            cur["build"] = (float(m.group(1)), float(m.group(2)))
        elif line.startswith("score") and m:
            cur["score"] = (float(m.group(1)), float(m.group(2)))
        elif line.startswith("peak RSS") and "wall" in line:
            cur["rss"] = int(re.search(r"peak RSS (\d+) KB", line).group(1)) / 1024
    return runs


def med(runs, key, i=None):
    xs = [r[key] if i is None else r[key][i] for r in runs if key in r]
    return statistics.median(xs) if xs else float("nan")


def main():
    runs = parse(open(sys.argv[1], encoding="utf-8"))
    n = min((len(v) for v in runs.values() if v), default=0)
    print(f"medians over {n} interleaved rounds (wall / CPU seconds; peak RSS of the process)")
    print(f"{'':56} {'build':>15} {'score':>15} {'build+score':>15} {'peak RSS':>10}")
    tot = {}
    for k, _, label in SECTIONS:
        r = runs[k]
        if not r:
            continue
        tw = statistics.median([x["build"][0] + x["score"][0] for x in r if "build" in x and "score" in x])
        tc = statistics.median([x["build"][1] + x["score"][1] for x in r if "build" in x and "score" in x])
        tot[k] = (tw, tc, med(r, "build", 0), med(r, "build", 1), med(r, "rss"))
        print(f"{label:56} {med(r, 'build', 0):7.2f}/{med(r, 'build', 1):<7.2f} {med(r, 'score', 0):7.3f}/{med(r, 'score', 1):<7.3f} {tw:7.2f}/{tc:<7.2f} {med(r, 'rss'):7.0f} MB")
    if "nltk" in tot:
        nl = tot["nltk"]
        for k, label in (("lingo-kn", "same model, same 200 n-grams"), ("lingo-mkn", "modified KN, all held-out tokens")):
            if k in tot:
                g = tot[k]
                print(f"NLTK / Lingo ({label}): build+score {nl[0] / g[0]:.0f}x wall, {nl[1] / g[1]:.0f}x CPU; "
                      f"build alone {nl[2] / g[2]:.0f}x wall, {nl[3] / g[3]:.0f}x CPU; peak RSS {nl[4] / g[4]:.1f}x less")


if __name__ == "__main__":
    main()
