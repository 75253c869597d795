"""Writes the fixtures of nlp/vec's tests with gensim 4.2.0 (Debian python3-gensim).

Run from this directory:  /usr/bin/python3 make_fixtures.py
It builds small synthetic vectors in which analogies partly hold
(capital = country + offset + noise, female = male + offset + noise),
saves them with gensim's save_word2vec_format (text and binary), writes an
analogy question file and a word-pair file, and records what gensim's
KeyedVectors answers for them in gensim_results.json.
"""
import json
import numpy as np
from gensim.models import KeyedVectors

rng = np.random.default_rng(7)
dim = 16
countries = ["france", "germany", "italy", "spain", "japan", "china", "russia", "egypt",
             "greece", "norway", "sweden", "poland"]
capitals = ["paris", "berlin", "rome", "madrid", "tokyo", "beijing", "moscow", "cairo",
            "athens", "oslo", "stockholm", "warsaw"]
male = ["king", "man", "boy", "father", "son", "brother", "uncle", "husband"]
female = ["queen", "woman", "girl", "mother", "daughter", "sister", "aunt", "wife"]

cap_off = rng.normal(size=dim) * 1.2
fem_off = rng.normal(size=dim) * 1.2
words, vecs = [], []
def add(w, v):
    words.append(w)
    vecs.append(v.astype(np.float32))
for c, p in zip(countries, capitals):
    base = rng.normal(size=dim)
    add(c, base)
    add(p, base + cap_off + rng.normal(size=dim) * 0.9)
for m, f in zip(male, female):
    base = rng.normal(size=dim)
    add(m, base)
    add(f, base + fem_off + rng.normal(size=dim) * 0.9)
for i in range(60):
    add(f"filler{i}", rng.normal(size=dim) * 1.3)
# case variants: "Paris" after "paris" must lose to it; "WARSAW" too.
add("Paris", rng.normal(size=dim))
add("WARSAW", rng.normal(size=dim))
add("Ägypten", rng.normal(size=dim))
add("zero", np.zeros(dim))

kv = KeyedVectors(dim)
kv.add_vectors(words, np.array(vecs))
kv.save_word2vec_format("gensim.txt", binary=False)
kv.save_word2vec_format("gensim.bin", binary=True)

with open("questions.txt", "w") as f:
    f.write(": capital-common-countries\n")
    for i, (c1, p1) in enumerate(zip(countries, capitals)):
        for j, (c2, p2) in enumerate(zip(countries, capitals)):
            if i != j and (i + j) % 3 != 0:
                f.write(f"{c1.title()} {p1.title()} {c2.title()} {p2.title()}\n")
    f.write("France Paris Atlantis Poseidonia\n")  # out of vocabulary
    f.write("three words only\n")                  # malformed: skipped, not counted
    f.write("\n")
    f.write(":  family\n")
    for i, (m1, f1) in enumerate(zip(male, female)):
        for j, (m2, f2) in enumerate(zip(male, female)):
            if i != j:
                f.write(f"{m1} {f1} {m2} {f2}\n")
    f.write(": gram-mixed\n")
    f.write("filler1 filler2 filler3 filler4\n")
    f.write("filler50 filler51 king queen\n")      # beyond a small restrict_vocab
    f.write("boy girl boy girl\n")

with open("pairs.tsv", "w") as f:
    f.write("# word1\tword2\tscore (synthetic)\n")
    pairs = list(zip(countries, capitals)) + list(zip(male, female)) + \
        [(countries[i], male[i]) for i in range(8)] + [(capitals[i], female[i]) for i in range(8)]
    for k, (a, b) in enumerate(pairs):
        f.write(f"{a.upper() if k % 5 == 0 else a}\t{b}\t{(k * 37) % 11 / 1.1:.2f}\n")
    f.write("unicorn\tking\t5.0\n")
    f.write("malformed line\n")

out = {}
for restrict in [300000, 60]:
    score, sections = kv.evaluate_word_analogies("questions.txt", restrict_vocab=restrict)
    out[f"analogies_{restrict}"] = {
        "score": score,
        "sections": [{"section": s["section"],
                      "correct": [list(q) for q in s["correct"]],
                      "incorrect": [list(q) for q in s["incorrect"]]} for s in sections],
    }
(pr, pp), (sr, sp), oov = kv.evaluate_word_pairs("pairs.tsv")
out["pairs"] = {"pearson": pr, "pearson_p": pp, "spearman": sr, "spearman_p": sp, "oov_ratio": oov}
out["most_similar"] = [
    {"positive": p, "negative": n, "topn": 5,
     "result": kv.most_similar(positive=p, negative=n, topn=5)}
    for p, n in [(["paris"], []), (["berlin", "france"], ["germany"]), (["queen", "man"], ["woman"])]
]
out["most_similar_cosmul"] = [
    {"positive": p, "negative": n, "topn": 5,
     "result": kv.most_similar_cosmul(positive=p, negative=n, topn=5)}
    for p, n in [(["berlin", "france"], ["germany"]), (["queen", "man"], ["woman"])]
]
out["doesnt_match"] = [{"words": w, "result": kv.doesnt_match(w)}
                       for w in [["paris", "berlin", "rome", "king"], ["man", "woman", "boy", "tokyo"]]]
out["rank"] = [{"w1": a, "w2": b, "result": kv.rank(a, b)} for a, b in [("paris", "france"), ("king", "queen")]]
out["similarity"] = [{"w1": a, "w2": b, "result": float(kv.similarity(a, b))}
                     for a, b in [("paris", "france"), ("king", "queen")]]
with open("gensim_results.json", "w") as f:
    json.dump(out, f, indent=1)

# Our writer's files must load in gensim: checked by the Go test through
# check_load.py when /usr/bin/python3 has gensim.
