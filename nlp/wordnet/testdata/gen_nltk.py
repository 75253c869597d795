"""Writes nltk.json, the expected values for nlp/wordnet's tests, computed
with NLTK 3.8 (Debian python3-nltk) on WordNet 3.0 (Debian wordnet-base).

Debian's /usr/share/wordnet lacks the `lexnames` file NLTK insists on, so
this script links the dictionary into a temporary directory and writes
lexnames there from the table in the lexnames(5WN) manual page.

Usage (from the repository root):
    /usr/bin/python3 nlp/wordnet/testdata/gen_nltk.py > nlp/wordnet/testdata/nltk.json
"""
import gzip
import json
import math
import os
import re
import sys
import tempfile
import warnings

import nltk
from nltk.corpus.reader.wordnet import WordNetCorpusReader, WordNetError

warnings.simplefilter("ignore")

SRC = "/usr/share/wordnet"


def open_wordnet():
    d = tempfile.mkdtemp(prefix="wn-")
    for f in os.listdir(SRC):
        os.symlink(os.path.join(SRC, f), os.path.join(d, f))
    kinds = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}
    with gzip.open("/usr/share/man/man5/lexnames.5WN.gz", "rt") as man, open(
        os.path.join(d, "lexnames"), "w"
    ) as out:
        for line in man:
            m = re.match(r"^(\d\d)\t(\w+)\.(\w+)\s*\t", line)
            if m:
                out.write(f"{m.group(1)}\t{m.group(2)}.{m.group(3)}\t{kinds[m.group(2)]}\n")
    return WordNetCorpusReader(d, None)


wn = None  # set by main

# Words in groups; each word is paired with the next one of its group
# (cyclically) for the similarity measures.
GROUPS = {
    "animals": "dog cat panda horse cow whale dolphin shark eagle sparrow snake frog bee ant spider elephant lion tiger wolf fox mouse rat rabbit bear monkey",
    "artifacts": "car bicycle train airplane boat ship truck computer phone television radio table chair bed door window house building bridge knife fork spoon hammer book pen pencil",
    "food": "apple banana orange bread cheese milk coffee tea wine beer rice pasta soup cake cookie egg meat fish",
    "abstract": "love hate fear joy anger idea theory truth beauty justice freedom knowledge science art music language mathematics history religion philosophy",
    "people": "man woman child king queen doctor nurse teacher student lawyer chef fireman soldier president scientist artist",
    "nature": "tree flower grass forest mountain river ocean lake sun moon star cloud rain snow wind fire water earth stone sand",
    "misc": "time day year money bank school hospital city country government war peace game sport ball",
    "proper": "paris london einstein shakespeare mars",
    "verbs": "run walk jump swim fly eat drink sleep think know believe say tell speak write read buy sell give take make create destroy build kill die see hear feel smell touch sing dance play work study teach learn snore",
    "adjectives": "good bad happy sad big small large tall short hot cold warm new old young fast slow beautiful ugly rich poor strong weak easy difficult bright dark",
    "adverbs": "quickly slowly well badly very really often never always soon",
    "multiword": "hot_dog ice_cream new_york united_states look_up give_up",
    "inflected": "dogs churches ran geese mice better best running wolves women",
    "absent": "selfie blockchain covid googling",
}

POS_OF_GROUP = {"verbs": "v", "adjectives": "a", "adverbs": "r"}


def names(synsets):
    return [s.name() for s in synsets]


def num(x):
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return None
    return x


def lch(a, b):
    try:
        return num(a.lch_similarity(b))
    except WordNetError:
        return None


def first(word, pos):
    ss = wn.synsets(word, pos) if pos else wn.synsets(word)
    return ss[0] if ss else None


def relations(s):
    return {
        "pos": s.pos(),
        "offset": s.offset(),
        "lexname": s.lexname(),
        "definition": s.definition(),
        "examples": s.examples(),
        "lemma_names": s.lemma_names(),
        "lemmas": [
            {
                "name": l.name(),
                "key": l.key(),
                "count": l.count(),
                "antonyms": [str(x) for x in l.antonyms()],
                "derivationally_related_forms": [str(x) for x in l.derivationally_related_forms()],
                "pertainyms": [str(x) for x in l.pertainyms()],
                "frame_ids": l.frame_ids(),
                "frame_strings": l.frame_strings(),
            }
            for l in s.lemmas()
        ],
        "hypernyms": names(s.hypernyms()),
        "instance_hypernyms": names(s.instance_hypernyms()),
        "hyponyms": names(s.hyponyms()),
        "instance_hyponyms": names(s.instance_hyponyms()),
        "member_holonyms": names(s.member_holonyms()),
        "substance_holonyms": names(s.substance_holonyms()),
        "part_holonyms": names(s.part_holonyms()),
        "member_meronyms": names(s.member_meronyms()),
        "substance_meronyms": names(s.substance_meronyms()),
        "part_meronyms": names(s.part_meronyms()),
        "topic_domains": names(s.topic_domains()),
        "region_domains": names(s.region_domains()),
        "usage_domains": names(s.usage_domains()),
        "attributes": names(s.attributes()),
        "entailments": names(s.entailments()),
        "causes": names(s.causes()),
        "also_sees": names(s.also_sees()),
        "verb_groups": names(s.verb_groups()),
        "similar_tos": names(s.similar_tos()),
        "min_depth": s.min_depth(),
        "max_depth": s.max_depth(),
        "root_hypernyms": names(s.root_hypernyms()),
        "hypernym_paths": [names(p) for p in s.hypernym_paths()],
        "hypernym_closure": names(s.closure(lambda x: x.hypernyms())),
        "hypernym_closure_2": names(s.closure(lambda x: x.hypernyms(), depth=2)),
        "hyponym_closure_size": sum(1 for _ in s.closure(lambda x: x.hyponyms())),
    }


def pair(a, b):
    return {
        "a": a.name(),
        "b": b.name(),
        "path": num(a.path_similarity(b)),
        "wup": num(a.wup_similarity(b)),
        "lch": lch(a, b),
        "shortest_path_distance": a.shortest_path_distance(b),
        "lowest_common_hypernyms": names(a.lowest_common_hypernyms(b)),
        "common_hypernyms": sorted(names(a.common_hypernyms(b))),
    }


def inflections(word, pos):
    if pos == "v":
        forms = [word + "s", word + "es", word + "ed", word + "ing", word + "d"]
        if word.endswith("e"):
            forms += [word[:-1] + "ing"]
    elif pos == "a":
        forms = [word + "er", word + "est", word + "r", word + "st"]
    elif pos == "r":
        forms = [word + "er"]
    else:
        forms = [word + "s", word + "es"]
        if word.endswith("y"):
            forms.append(word[:-1] + "ies")
    return forms


IRREGULAR = (
    "geese mice children feet teeth men women wolves knives leaves ran went gone taken "
    "ate eaten saw seen better best worse worst bigger biggest happier happiest dogs "
    "churches aardwolves abaci axes boxes buses flies studies studied studying making "
    "swimming hopping hoped larger largest fishes oxen lice dice was were is are been "
    "hardrock book Dogs DOGS goodest"
).split()

def main():
    global wn
    wn = open_wordnet()
    out = {
        "source": f"NLTK {nltk.__version__} on WordNet {wn.get_version()} via Debian python3-nltk and wordnet-base",
        "good": [{"name": s.name(), "pos": s.pos(), "lemmas": s.lemma_names(), "definition": s.definition()} for s in wn.synsets("good")],
        "panda_hypernym_closure": names(wn.synset("panda.n.01").closure(lambda s: s.hypernyms())),
        "words": [],
        "pairs": [],
        "morphy": [],
    }

    seen_words = set()
    for group, text in GROUPS.items():
        words = text.split()
        pos = POS_OF_GROUP.get(group)
        for i, w in enumerate(words):
            second = words[(i + 1) % len(words)]
            entry = {"word": w, "group": group, "second": second}
            for p in [None, "n", "v", "a", "s", "r"]:
                entry["synsets_" + (p or "any")] = names(wn.synsets(w, p) if p else wn.synsets(w))
            entry["lemmas"] = [str(l) for l in wn.lemmas(w)]
            entry["hypernyms"] = {s.name(): names(s.hypernyms() + s.instance_hypernyms()) for s in wn.synsets(w)}
            a = first(w, pos)
            b = first(second, pos)
            if a is not None:
                entry["first"] = a.name()
                entry["relations"] = relations(a)
                if b is not None:
                    out["pairs"].append(pair(a, b))
            out["words"].append(entry)
            for form in inflections(w, pos or "n"):
                for p in [None, "n", "v", "a", "s", "r"]:
                    out["morphy"].append({"form": form, "pos": p or "", "base": wn.morphy(form, p)})

    for form in IRREGULAR:
        for p in [None, "n", "v", "a", "s", "r"]:
            out["morphy"].append({"form": form, "pos": p or "", "base": wn.morphy(form, p)})

    # Full relations of more synsets: every sense of "good" (satellites have
    # sense keys with a head word), pertainyms, verb frames, instances.
    extra = [x.name() for x in wn.synsets("good")] + (
        "quickly.r.01 atomic.a.02 musical.a.01 give.v.01 kill.v.01 snore.v.01 "
        "tree.n.01 water.n.01 france.n.01 einstein.n.01 bank.n.01 forest.n.01"
    ).split()
    out["synsets"] = {n: relations(wn.synset(n)) for n in extra}

    # All pairs among a few verbs (simulated root), adjectives, and across parts of speech.
    EXTRA = [
        "run.v.01 walk.v.01 eat.v.01 drink.v.01 think.v.01 know.v.01 sleep.v.01 kill.v.01 die.v.01 be.v.01",
        "good.a.01 bad.a.01 good.s.06 happy.a.01 quickly.r.01 well.r.01",
        "dog.n.01 run.v.01 good.a.01 entity.n.01 paris.n.01 einstein.n.01 chef.n.01 fireman.n.01",
    ]
    for line in EXTRA:
        ss = [wn.synset(n) for n in line.split()]
        for a in ss:
            for b in ss:
                out["pairs"].append(pair(a, b))

    json.dump(out, sys.stdout, indent=None, separators=(",", ":"), sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
