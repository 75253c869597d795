# Peer for vsjieba: segments the lines of a file with jieba 0.42 (Debian
# python3-jieba, accurate mode with HMM: jieba.lcut(line)) and writes one
# output line per input line, the words joined by U+001F. It prints the
# seconds spent segmenting (dictionary load excluded) on stdout.
# Run by vsjieba: /usr/bin/python3 jieba_peer.py IN OUT
import logging, sys, time

import jieba

jieba.setLogLevel(logging.ERROR)
jieba.initialize()
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = time.perf_counter()
out = [jieba.lcut(l) for l in lines]
secs = time.perf_counter() - start
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\n".join("\x1f".join(ws) for ws in out))
print(f"{secs:.6f} {sum(len(ws) for ws in out)}")
