package wordnet

import (
	"math"
	"strings"
	"sync"
)

// needsRoot reports whether NLTK simulates a root for s: nouns in WordNet
// 3.0 share the root entity.n.01; verbs, adjectives and adverbs have many
// roots or none.
func (s *Synset) needsRoot() bool { return s.pos != Noun }

// PathSimilarity returns 1/(d+1), where d is the length of the shortest
// hypernym/hyponym path between s and other: 1 for a synset and itself,
// 0.2 for dog.n.01 and cat.n.01 (d = 4). As in NLTK, a fake root joins
// separate hierarchies unless both are nouns. It returns NaN where NLTK
// returns None (no path).
func (s *Synset) PathSimilarity(other *Synset) float64 {
	d := s.shortestPathDistance(other, s.needsRoot() || other.needsRoot())
	if d < 0 {
		return math.NaN()
	}
	return 1 / float64(d+1)
}

// LCHSimilarity returns Leacock and Chodorow's −log((d+1) / 2D), where d
// is the shortest path length and D the maximum depth of the taxonomy of
// the part of speech (19 for nouns in WordNet 3.0, 13 for verbs with the
// simulated root). Both synsets must have the same part of speech; it
// returns NaN otherwise and where NLTK returns None.
func (s *Synset) LCHSimilarity(other *Synset) float64 {
	if s.pos != other.pos || s.wn == nil {
		return math.NaN()
	}
	need := s.needsRoot()
	D := s.wn.taxonomyDepth(s.pos, need)
	d := s.shortestPathDistance(other, need)
	if d < 0 || D <= 0 {
		return math.NaN()
	}
	return -math.Log(float64(d+1) / (2 * float64(D)))
}

// WuPalmerSimilarity returns Wu and Palmer's 2·depth(lcs) / (len1 + len2),
// where lcs is the lowest common hypernym (ranked by MinDepth as NLTK
// does), depth(lcs) = MaxDepth(lcs)+1 and len1, len2 are depth(lcs) plus
// the path lengths from s and other to lcs. It returns NaN where NLTK
// returns None.
func (s *Synset) WuPalmerSimilarity(other *Synset) float64 {
	simulate := s.needsRoot() || other.needsRoot()
	subsumers := s.LowestCommonHypernymsOpt(other, LCSOptions{SimulateRoot: simulate, UseMinDepth: true})
	if len(subsumers) == 0 {
		return math.NaN()
	}
	lcs := subsumers[0]
	for _, x := range subsumers {
		if x == s {
			lcs = s
		}
	}
	depth := lcs.MaxDepth() + 1
	len1 := s.shortestPathDistance(lcs, simulate)
	len2 := other.shortestPathDistance(lcs, simulate)
	if len1 < 0 || len2 < 0 {
		return math.NaN()
	}
	return 2 * float64(depth) / float64(len1+depth+len2+depth)
}

// depthOnce caches the depth of one part of speech's taxonomy.
type depthOnce struct {
	once sync.Once
	d    int
}

// taxonomyDepth is NLTK's _compute_max_depth: the largest MaxDepth of any
// synset of pos (adjectives include satellites), plus one with a
// simulated root. It scans the data file once, reading only the
// hypernym pointers.
func (wn *WordNet) taxonomyDepth(pos POS, simulateRoot bool) int {
	c := &wn.satDepth
	if pos != AdjSat {
		c = &wn.maxDepth[pos.file()]
	}
	c.once.Do(func() {
		c.d = wn.scanMaxDepth(pos)
		if simulateRoot {
			c.d++
		}
	})
	return c.d
}

// scanMaxDepth computes the longest hypernym chain among synsets of pos
// from a single pass over its data file.
func (wn *WordNet) scanMaxDepth(pos POS) int {
	fi := pos.file()
	d := wn.data[fi]
	if d == nil {
		return 0
	}
	text, err := readFile(d.f.Name())
	if err != nil {
		wn.setErr(err)
		return 0
	}
	parents := map[uint32][]uint32{}
	var members []uint32
	for line := range strings.Lines(text) {
		if line == "" || line[0] == ' ' {
			continue
		}
		bar := strings.IndexByte(line, '|')
		if bar < 0 {
			continue
		}
		f := fieldIter{s: line[:bar]}
		off, err := f.int(10)
		if err != nil {
			continue
		}
		f.next()
		typ := f.next()
		if pos == AdjSat && typ != "s" {
			continue
		}
		members = append(members, uint32(off))
		nw, err := f.int(16)
		if err != nil {
			continue
		}
		for range 2 * nw {
			f.next()
		}
		np, err := f.int(10)
		if err != nil {
			continue
		}
		for range np {
			sym, o, _, _ := f.next(), f.next(), f.next(), f.next()
			if sym == "@" || sym == "@i" {
				if v, err := parseUint32(o); err == nil {
					parents[uint32(off)] = append(parents[uint32(off)], v)
				}
			}
		}
	}
	memo := map[uint32]int{}
	var depth func(o uint32) int
	depth = func(o uint32) int {
		if v, ok := memo[o]; ok {
			return max(v, 0)
		}
		memo[o] = -1 // in progress: a cycle counts as a root
		best := 0
		for _, p := range parents[o] {
			best = max(best, depth(p)+1)
		}
		memo[o] = best
		return best
	}
	best := 0
	for _, o := range members {
		best = max(best, depth(o))
	}
	return best
}

func parseUint32(s string) (uint32, error) {
	f := fieldIter{s: s}
	v, err := f.int(10)
	if err != nil || v < 0 {
		return 0, err
	}
	return uint32(v), nil
}
