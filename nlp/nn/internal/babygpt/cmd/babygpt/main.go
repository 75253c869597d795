package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/nn/internal/babygpt"
)

func main() {
	steps := flag.Int("steps", 100, "training steps")
	threads := flag.Int("threads", 1, "threads for BLAS and hot loops (GOMAXPROCS too)")
	data := flag.String("data", "../shared/data/tinyshakespeare.txt", "training text")
	evalEvery := flag.Int("eval-every", 250, "evaluate every this many steps")
	evalIters := flag.Int("eval-iters", 20, "validation batches per evaluation")
	seed := flag.Uint64("seed", 1337, "seed")
	finalEval := flag.Int("final-eval-iters", 0, "if > 0, finish with a validation loss over this many batches (a less noisy figure)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the training steps here")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(*steps, *threads, *data, *evalEvery, *evalIters, *finalEval, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(steps, threads int, path string, evalEvery, evalIters, finalEval int, seed uint64) error {
	runtime.GOMAXPROCS(threads)
	ag.SetThreads(threads)
	d, err := babygpt.Load(path)
	if err != nil {
		return err
	}
	cfg := babygpt.Baby(len(d.Chars))
	if err := d.Check(cfg.Block); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	m, err := babygpt.New(cfg, seed)
	if err != nil {
		return err
	}
	params := m.Params()
	opt, err := nn.NewAdamW(params, nn.AdamConfig{LR: 1e-3})
	if err != nil {
		return err
	}
	B, T := 12, cfg.Block
	rng := nn.NewRand(seed + 1)
	x, y := make([]int, B*T), make([]int, B*T)
	fmt.Printf("params %d threads %d blas %s\n", params.Count(), threads, ag.BLASName())

	evaluate := func(iters int) float64 {
		var sum float64
		ag.NoGrad(func() {
			for range iters {
				babygpt.Batch(rng, d.Val, B, T, x, y)
				l := m.Loss(x, y, B, T)
				sum += float64(l.Item())
				l.Release()
			}
		})
		return sum / float64(iters)
	}

	var stepTimes, stepCPU []float64
	var ms0, ms1 runtime.MemStats
	t0 := time.Now()
	for it := range steps {
		if it == 10 {
			runtime.ReadMemStats(&ms0)
		}
		ts, cs := time.Now(), cpuTime()
		babygpt.Batch(rng, d.Train, B, T, x, y)
		loss := m.Loss(x, y, B, T)
		opt.ZeroGrad()
		loss.Backward()
		if err := nn.CheckFinite(it, loss, params); err != nil {
			return err
		}
		opt.Step()
		loss.Release()
		stepTimes = append(stepTimes, float64(time.Since(ts).Microseconds())/1000)
		stepCPU = append(stepCPU, (cpuTime()-cs).Seconds()*1000)
		if it == steps-1 && steps > 10 {
			runtime.ReadMemStats(&ms1)
		}
		if it%evalEvery == 0 || it == steps-1 {
			fmt.Printf("iter %d train %.3f val %.3f elapsed %.1fs\n", it, loss.Item(), evaluate(evalIters), time.Since(t0).Seconds())
		}
	}
	total := time.Since(t0)
	fmt.Printf("ms/iter %.1f (median train step %.1f ms)\n", total.Seconds()*1000/float64(steps), median(stepTimes))
	fmt.Printf("step ms: wall median %.2f cpu median %.2f\n", median(stepTimes), median(stepCPU))
	if steps > 10 {
		n := float64(steps - 10)
		fmt.Printf("allocs/step %.0f bytes/step %.0f\n", float64(ms1.Mallocs-ms0.Mallocs)/n, float64(ms1.TotalAlloc-ms0.TotalAlloc)/n)
	}
	if finalEval > 0 {
		fmt.Printf("final val %.4f over %d batches\n", evaluate(finalEval), finalEval)
	}
	return nil
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
