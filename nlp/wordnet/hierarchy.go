package wordnet

import "sync/atomic"

// Relation is a function from a synset to related synsets; method
// expressions such as (*wordnet.Synset).Hypernyms are Relations.
type Relation func(*Synset) []*Synset

// Closure returns the transitive closure of s under rel, breadth first,
// like NLTK's synset.closure: s itself is left out, and a synset is not
// expanded twice. As in NLTK, a synset reached along two branches before
// it is expanded is listed twice. depth limits the number of steps; a
// negative depth means no limit.
//
//	panda.Closure((*wordnet.Synset).Hypernyms, -1)
func (s *Synset) Closure(rel Relation, depth int) []*Synset {
	type item struct {
		s *Synset
		d int
	}
	var out []*Synset
	done := map[*Synset]bool{}
	queue := []item{{s, 0}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if it.s != s {
			out = append(out, it.s)
		}
		done[it.s] = true
		if it.d == depth {
			continue
		}
		for _, c := range rel(it.s) {
			if !done[c] {
				queue = append(queue, item{c, it.d + 1})
			}
		}
	}
	return out
}

// hypernymsAll returns the hypernyms followed by the instance hypernyms,
// the parents NLTK's depth and path computations use. The list is cached;
// callers must not modify it.
func (s *Synset) hypernymsAll() []*Synset {
	if p := s.parents.Load(); p != nil {
		return *p
	}
	h := s.Hypernyms()
	if ih := s.InstanceHypernyms(); len(ih) > 0 {
		h = append(h, ih...)
	}
	h = h[:len(h):len(h)]
	s.parents.Store(&h)
	return h
}

// HypernymPaths returns every path from a root synset down to s, each
// starting at the root (entity.n.01 for nouns) and ending with s.
func (s *Synset) HypernymPaths() [][]*Synset {
	return s.hypernymPaths(map[*Synset]bool{})
}

func (s *Synset) hypernymPaths(onPath map[*Synset]bool) [][]*Synset {
	parents := s.hypernymsAll()
	if len(parents) == 0 {
		return [][]*Synset{{s}}
	}
	onPath[s] = true
	defer delete(onPath, s)
	var paths [][]*Synset
	for _, h := range parents {
		if onPath[h] { // a cycle in corrupt data; WordNet 3.0 has none
			continue
		}
		for _, p := range h.hypernymPaths(onPath) {
			paths = append(paths, append(p, s))
		}
	}
	return paths
}

// RootHypernyms returns the topmost hypernyms of s (synsets without
// hypernyms reachable from s), in NLTK's depth-first order.
func (s *Synset) RootHypernyms() []*Synset {
	var out []*Synset
	seen := map[*Synset]bool{}
	todo := []*Synset{s}
	for len(todo) > 0 {
		n := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		if h := n.hypernymsAll(); len(h) == 0 {
			out = append(out, n)
		} else {
			todo = append(todo, h...)
		}
	}
	return out
}

// MaxDepth returns the length of the longest hypernym path from s to a root.
func (s *Synset) MaxDepth() int { return s.depth(true, nil) }

// MinDepth returns the length of the shortest hypernym path from s to a root.
func (s *Synset) MinDepth() int { return s.depth(false, nil) }

// depth computes and caches MaxDepth (longest) or MinDepth. visiting holds
// the synsets being computed in this call, so that a cycle in corrupt data
// ends the recursion (WordNet 3.0 has none).
func (s *Synset) depth(longest bool, visiting map[*Synset]bool) int {
	p := &s.minDepth
	if longest {
		p = &s.maxDepth
	}
	if d := atomic.LoadInt32(p); d >= 0 {
		return int(d)
	}
	if visiting[s] {
		return 0
	}
	if visiting == nil {
		visiting = map[*Synset]bool{}
	}
	visiting[s] = true
	defer delete(visiting, s)
	d := 0
	for i, h := range s.hypernymsAll() {
		hd := h.depth(longest, visiting) + 1
		if i == 0 || (longest && hd > d) || (!longest && hd < d) {
			d = hd
		}
	}
	atomic.StoreInt32(p, int32(d))
	return d
}

// ancestors returns s and all its (instance) hypernyms.
func (s *Synset) ancestors() map[*Synset]bool {
	all := map[*Synset]bool{s: true}
	todo := []*Synset{s}
	for len(todo) > 0 {
		var next []*Synset
		for _, t := range todo {
			for _, h := range t.hypernymsAll() {
				if !all[h] {
					all[h] = true
					next = append(next, h)
				}
			}
		}
		todo = next
	}
	return all
}

// CommonHypernyms returns the synsets that are hypernyms (or instance
// hypernyms) of both s and other, counting each synset as its own
// hypernym, sorted by name.
func (s *Synset) CommonHypernyms(other *Synset) []*Synset {
	a, b := s.ancestors(), other.ancestors()
	var out []*Synset
	for x := range a {
		if b[x] {
			out = append(out, x)
		}
	}
	sortByName(out)
	return out
}

// LCSOptions are the options of LowestCommonHypernymsOpt. The zero value is
// NLTK's default.
type LCSOptions struct {
	// SimulateRoot adds a fake root above all roots, so synsets in
	// separate hierarchies (verbs) share a hypernym.
	SimulateRoot bool
	// UseMinDepth ranks common hypernyms by MinDepth instead of MaxDepth
	// (NLTK 2's rule, still used by WuPalmerSimilarity).
	UseMinDepth bool
}

// LowestCommonHypernyms returns the deepest common hypernyms of s and
// other (by MaxDepth), sorted by name: for dog.n.01 and cat.n.01 it is
// carnivore.n.01. It may be s or other itself.
func (s *Synset) LowestCommonHypernyms(other *Synset) []*Synset {
	return s.LowestCommonHypernymsOpt(other, LCSOptions{})
}

// LowestCommonHypernymsOpt is LowestCommonHypernyms with NLTK's
// simulate_root and use_min_depth options.
func (s *Synset) LowestCommonHypernymsOpt(other *Synset, opt LCSOptions) []*Synset {
	common := s.CommonHypernyms(other)
	if opt.SimulateRoot {
		common = append(common, s.root())
	}
	if len(common) == 0 {
		return nil
	}
	depth := (*Synset).MaxDepth
	if opt.UseMinDepth {
		depth = (*Synset).MinDepth
	}
	best := -1
	for _, c := range common {
		best = max(best, depth(c))
	}
	var out []*Synset
	for _, c := range common {
		if depth(c) == best {
			out = append(out, c)
		}
	}
	sortByName(out)
	return out
}

// root returns the simulated root, a synset named "*ROOT*" without
// hypernyms that NLTK puts above all roots when simulate_root is set.
func (s *Synset) root() *Synset {
	if s.wn == nil {
		return s
	}
	return s.wn.root
}

// isRoot reports whether s is the simulated root.
func (s *Synset) isRoot() bool { return s.wn == nil && s.name == "*ROOT*" }

// shortestHypernymPaths maps s and each of its hypernyms to the length of
// the shortest hypernym path from s; with simulateRoot the fake root is
// one step above the farthest of them.
func (s *Synset) shortestHypernymPaths(simulateRoot bool) map[*Synset]int {
	if s.isRoot() {
		return map[*Synset]int{s: 0}
	}
	dist := map[*Synset]int{s: 0}
	far := 0
	frontier := []*Synset{s}
	for d := 1; len(frontier) > 0; d++ {
		var next []*Synset
		for _, t := range frontier {
			for _, h := range t.hypernymsAll() {
				if _, ok := dist[h]; !ok {
					dist[h] = d
					far = d
					next = append(next, h)
				}
			}
		}
		frontier = next
	}
	if simulateRoot {
		dist[s.root()] = far + 1
	}
	return dist
}

// ShortestPathDistance returns the number of edges on the shortest path
// between s and other through a common hypernym, or -1 if there is none
// (as NLTK, without a simulated root).
func (s *Synset) ShortestPathDistance(other *Synset) int {
	return s.shortestPathDistance(other, false)
}

func (s *Synset) shortestPathDistance(other *Synset, simulateRoot bool) int {
	if s == other {
		return 0
	}
	d1 := s.shortestHypernymPaths(simulateRoot)
	d2 := other.shortestHypernymPaths(simulateRoot)
	best := -1
	for x, a := range d1 {
		if b, ok := d2[x]; ok && (best < 0 || a+b < best) {
			best = a + b
		}
	}
	return best
}
