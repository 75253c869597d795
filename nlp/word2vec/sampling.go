package word2vec

import "math"

// rng is the linear congruential generator of the C tool and gensim:
// next = next·25214903917 + 11 mod 2^48; its upper 32 bits are the output.
type rng uint64

func (r *rng) uint32() uint32 {
	x := uint32(*r >> 16)
	*r = (*r*25214903917 + 11) & (1<<48 - 1)
	return x
}

// intn returns a number in [0, n) by multiply-shift.
func (r *rng) intn(n int) int {
	return int(uint64(r.uint32()) * uint64(n) >> 32)
}

// float returns a number in [0, 1).
func (r *rng) float() float32 {
	return float32(r.uint32()>>8) / (1 << 24)
}

// aliasTable draws word w with probability ∝ count(w)^power in O(1) by
// Walker's alias method: pick a column uniformly, then keep it or take its
// alias. It replaces the C tool's 10^8-entry unigram table (same
// distribution, ~8 bytes per word, so it stays in cache).
type aliasTable struct {
	prob  []uint32 // keep column i if a uniform uint32 < prob[i]
	alias []int32
}

func newAliasTable(counts []int64, power float64) *aliasTable {
	n := len(counts)
	p := make([]float64, n)
	var sum float64
	for i, c := range counts {
		p[i] = math.Pow(float64(c), power)
		sum += p[i]
	}
	t := &aliasTable{prob: make([]uint32, n), alias: make([]int32, n)}
	small, large := make([]int, 0, n), make([]int, 0, n)
	for i := range p {
		p[i] *= float64(n) / sum
		if p[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		t.prob[s] = uint32(p[s] * math.MaxUint32)
		t.alias[s] = int32(l)
		p[l] -= 1 - p[s]
		if p[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		t.prob[i] = math.MaxUint32
		t.alias[i] = int32(i)
	}
	return t
}

// sample draws a word index.
func (t *aliasTable) sample(r *rng) int32 {
	i := r.intn(len(t.prob))
	if r.uint32() < t.prob[i] {
		return int32(i)
	}
	return t.alias[i]
}

// The sigmoid and log-sigmoid tables of the C tool and gensim: σ(x) for
// x in (−maxExp, maxExp), tabulated at expTableSize points.
const (
	expTableSize = 1000
	maxExp       = 6
	expScale     = expTableSize / maxExp / 2
)

var sigmoidTable, logSigmoidTable = func() (s, l [expTableSize + 1]float32) {
	for i := range s {
		x := (float64(i)/expTableSize*2 - 1) * maxExp
		e := math.Exp(x)
		s[i] = float32(e / (e + 1))
		l[i] = float32(math.Log(e / (e + 1)))
	}
	return
}()

// sigmoid returns σ(f) from the table; f must be in (−maxExp, maxExp).
func sigmoid(f float32) float32 {
	return sigmoidTable[int((f+maxExp)*expScale)]
}

// logSigmoid returns log σ(f) from the table; f must be in (−maxExp, maxExp).
func logSigmoid(f float32) float32 {
	return logSigmoidTable[int((f+maxExp)*expScale)]
}
