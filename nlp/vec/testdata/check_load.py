"""Loads a word2vec file with gensim 4.2 and prints "<n> <dim> <word0> <sum of all values>".
Usage: /usr/bin/python3 check_load.py FILE text|binary"""
import sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == "binary")
print(len(kv), kv.vector_size, kv.index_to_key[0], float(kv.vectors.astype("float64").sum()))
