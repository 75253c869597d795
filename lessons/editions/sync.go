package editions

import "fmt"

// Sync copies the English notebook's code into its Chinese edition, which
// it changes in place, and reports what it did. Shared code cells are
// paired by id (by position between paired cells when they have none); a
// paired cell takes the English source, a Chinese cell the English edition
// no longer has is removed, and an English cell the Chinese edition lacks
// is inserted after the twin of the English cell before it, together with
// the English markdown cells just above it, which are marked untranslated.
// Marked Chinese cells and Chinese prose are kept.
func Sync(en, zh *Notebook) []string {
	e, z, _ := sharedCode(en, zh)
	pairs := align(e, z)
	var report []string
	twinOf := map[int]*Cell{} // English index → Chinese cell
	removed := map[*Cell]bool{}
	for _, p := range pairs {
		switch {
		case p.e >= 0 && p.z >= 0:
			ec, zc := e[p.e].c, z[p.z].c
			twinOf[e[p.e].i] = zc
			if ec.Source() != zc.Source() {
				zc.SetSource(ec.Source())
				report = append(report, fmt.Sprintf("copied en %s into zh %s", ec.name(e[p.e].i), zc.name(z[p.z].i)))
			}
		case p.z >= 0:
			removed[z[p.z].c] = true
			report = append(report, fmt.Sprintf("removed zh %s: the English edition no longer has it", z[p.z].c.name(z[p.z].i)))
		}
	}
	var cells []*Cell
	for _, c := range zh.Cells {
		if !removed[c] {
			cells = append(cells, c)
		}
	}
	// insert the English cells without a twin, each after the twin of the
	// English code cell before it
	for _, p := range pairs {
		if p.z >= 0 || p.e < 0 {
			continue
		}
		ei := e[p.e].i
		var add []*Cell
		start := ei
		for start > 0 && en.Cells[start-1].Type() != "code" {
			start--
		}
		for _, m := range en.Cells[start:ei] {
			mc := m.clone()
			mc.setLingo("untranslated", true)
			add = append(add, mc)
		}
		add = append(add, en.Cells[ei].clone())
		at := 0 // after the twin of the nearest earlier English code cell
		for k := ei - 1; k >= 0; k-- {
			if t := twinOf[k]; t != nil {
				for j, c := range cells {
					if c == t {
						at = j + 1
					}
				}
				break
			}
		}
		cells = append(cells[:at], append(add, cells[at:]...)...)
		twinOf[ei] = add[len(add)-1]
		report = append(report, fmt.Sprintf("inserted en %s with %d untranslated markdown cells", en.Cells[ei].name(ei), len(add)-1))
	}
	zh.Cells = cells
	return report
}

// pair is one step of an alignment: indices into e and z, −1 for none.
type pair struct{ e, z int }

// align pairs the shared cells of the two editions: by id where both have
// one (longest common subsequence of keys), and positionally inside runs
// of unpaired cells of equal length between paired ones.
func align(e, z []shared) []pair {
	key := func(c *Cell) string {
		if id := c.ID(); id != "" {
			return "id:" + id
		}
		return "src:" + c.Source()
	}
	n, m := len(e), len(z)
	L := make([][]int, n+1)
	for i := range L {
		L[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if key(e[i].c) == key(z[j].c) {
				L[i][j] = L[i+1][j+1] + 1
			} else {
				L[i][j] = max(L[i+1][j], L[i][j+1])
			}
		}
	}
	var out []pair
	var runE, runZ []int
	flush := func() {
		if len(runE) == len(runZ) {
			for k := range runE {
				out = append(out, pair{runE[k], runZ[k]})
			}
		} else {
			for _, i := range runZ {
				out = append(out, pair{-1, i})
			}
			for _, i := range runE {
				out = append(out, pair{i, -1})
			}
		}
		runE, runZ = nil, nil
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case key(e[i].c) == key(z[j].c):
			flush()
			out = append(out, pair{i, j})
			i, j = i+1, j+1
		case L[i+1][j] >= L[i][j+1]:
			runE = append(runE, i)
			i++
		default:
			runZ = append(runZ, j)
			j++
		}
	}
	for ; i < n; i++ {
		runE = append(runE, i)
	}
	for ; j < m; j++ {
		runZ = append(runZ, j)
	}
	flush()
	return out
}
