# Peer figures for BenchmarkTokenizeSOTU: NLTK 3.8 tokenizers on the same
# text (the State of the Union corpus installed by install-data.sh).
# Run with Debian's Python: /usr/bin/python3 nlp/text/testdata/tokenize_peer.py
import glob, os, re, statistics, time
from nltk.tokenize import TreebankWordTokenizer, wordpunct_tokenize

data = os.environ.get("LINGO_DATA") or os.path.join(
    os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "lingo")
text = "\n".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(data, "sotu", "*.txt"))))
word = re.compile(r"\w+(?:['’-]\w+)*")

def bench(name, f, reps=3):
    times, n = [], 0
    for _ in range(reps):
        t = time.perf_counter()
        n = f()
        times.append(time.perf_counter() - t)
    m = statistics.median(times)
    print(f"{name:40s} {n:9d} tokens  {m:7.2f} s  {n / m / 1e6:6.2f} M words/s")

bench("python re.findall (lower)", lambda: len(word.findall(text.lower())))
bench("nltk wordpunct_tokenize", lambda: len(wordpunct_tokenize(text)))
tb = TreebankWordTokenizer()
bench("nltk TreebankWordTokenizer (per line)", lambda: sum(len(tb.tokenize(l)) for l in text.split("\n")), reps=1)
