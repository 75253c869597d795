package rt

import (
	"fmt"
	"math"
	"time"
)

// TimeIt runs f in loops like IPython's %timeit: it grows the loop count
// until one loop of runs takes at least 0.2 s, then times 7 such runs and
// prints the mean and standard deviation per loop.
func TimeIt(f func()) {
	loops := 1
	for {
		start := time.Now()
		for i := 0; i < loops; i++ {
			Check()
			f()
		}
		if d := time.Since(start); d >= 200*time.Millisecond || loops >= 1e9 {
			break
		}
		loops *= 10
	}
	const runs = 7
	per := make([]float64, runs)
	for r := range per {
		start := time.Now()
		for i := 0; i < loops; i++ {
			Check()
			f()
		}
		per[r] = float64(time.Since(start).Nanoseconds()) / float64(loops)
	}
	var mean, sd float64
	for _, p := range per {
		mean += p
	}
	mean /= runs
	for _, p := range per {
		sd += (p - mean) * (p - mean)
	}
	sd = math.Sqrt(sd / runs)
	plural := "s"
	if loops == 1 {
		plural = ""
	}
	fmt.Printf("%s ± %s per loop (mean ± std. dev. of %d runs, %d loop%s each)\n", ns(mean), ns(sd), runs, loops, plural)
}

func ns(x float64) string {
	switch {
	case x < 1e3:
		return fmt.Sprintf("%.3g ns", x)
	case x < 1e6:
		return fmt.Sprintf("%.3g µs", x/1e3)
	case x < 1e9:
		return fmt.Sprintf("%.3g ms", x/1e6)
	}
	return fmt.Sprintf("%.3g s", x/1e9)
}
