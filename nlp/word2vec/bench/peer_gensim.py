"""The gensim 4.2 peer of nlp/word2vec/internal/bench (Debian python3-gensim):
trains word2vec with the same settings and prints one line of timing in the
same format; with -questions, scores analogy files with gensim's
evaluate_word_analogies (restricted to the 30,000 most frequent words).

    /usr/bin/python3 peer_gensim.py CORPUS.txt SG WORKERS [OUT.txt]
    /usr/bin/python3 peer_gensim.py -questions questions-words.txt VECTORS.txt ...
"""
import sys, time

if sys.argv[1] == '-questions':
    from gensim.models import KeyedVectors
    for f in sys.argv[3:]:
        kv = KeyedVectors.load_word2vec_format(f, binary=False)
        score, sections = kv.evaluate_word_analogies(sys.argv[2], restrict_vocab=30000, case_insensitive=True)
        n = sum(len(s['correct']) + len(s['incorrect']) for s in sections if s['section'] == 'Total accuracy')
        print(f'{f} analogy acc {score:.4f} questions {n}')
    sys.exit(0)

from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
corpus, sg, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
words = sum(len(l.split()) for l in open(corpus))
t = time.time()
m = Word2Vec(LineSentence(corpus), vector_size=100, window=5, min_count=5, sg=sg, negative=5, hs=0,
             sample=1e-3, workers=workers, epochs=5, seed=1)
dt = time.time() - t
print(f'gensim sg={sg} workers={workers} time={dt:.1f}s vocab={len(m.wv)} words/s={5 * words / dt:.0f}')
if len(sys.argv) > 4:
    m.wv.save_word2vec_format(sys.argv[4])
