package llm

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// A GradFunc computes, on one shard of a batch, the mean loss and its
// gradient with respect to the flattened parameters, written into grad
// (len = the number of parameters, zeroed before the call). worker is the
// index of the calling goroutine, 0 … workers−1: a GradFunc that builds an
// autograd graph must use a model replica of its own per worker (a graph
// belongs to one goroutine and parameters accumulate their Grad).
type GradFunc[T any] func(ctx context.Context, worker int, shard []T, grad []float64) (loss float64, err error)

// ParallelResult is one data-parallel step.
type ParallelResult struct {
	Grad    []float64     // the all-reduced gradient of the batch's mean loss
	Loss    float64       // the batch's mean loss
	Shards  []int         // examples per worker
	Elapsed time.Duration // wall time of the step
}

// DataParallel computes the gradient of a batch's mean loss the way
// data-parallel training does on several GPUs: the batch is split into
// contiguous shards, one per worker goroutine; each worker computes its
// shard's mean gradient g_k; and the gradients are all-reduced into
//
//	g = Σ_k (n_k / N) g_k
//
// (the plain average (1/K) Σ g_k when the shards are equal), which is
// exactly the single-worker gradient of the mean loss. The reduction is
// done like a reduce-scatter followed by an all-gather: worker k sums
// chunk k of every gradient, so each worker adds P/K numbers from every
// other worker instead of one worker adding them all.
//
// Real systems (Megatron-DeepSpeed, used to train BLOOM) add tensor and
// pipeline parallelism, which split the model itself across devices, and
// ZeRO, which shards optimizer states; the batch split here is the first
// of those dimensions. It returns the first error of a worker, or ctx's.
func DataParallel[T any](ctx context.Context, batch []T, workers, nParams int, f GradFunc[T]) (ParallelResult, error) {
	if workers < 1 {
		return ParallelResult{}, fmt.Errorf("llm: workers must be ≥ 1, got %d", workers)
	}
	if len(batch) == 0 {
		return ParallelResult{}, errors.New("llm: empty batch")
	}
	start := time.Now()
	workers = min(workers, len(batch))
	res := ParallelResult{Grad: make([]float64, nParams), Shards: make([]int, workers)}
	grads := make([][]float64, workers)
	losses := make([]float64, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	lo := 0
	for k := range workers {
		// Shards of ⌊N/K⌋ or ⌈N/K⌉ examples.
		n := len(batch) / workers
		if k < len(batch)%workers {
			n++
		}
		shard := batch[lo : lo+n]
		lo += n
		res.Shards[k] = n
		grads[k] = make([]float64, nParams)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[k] = fmt.Errorf("llm: worker %d panicked: %v", k, r)
				}
			}()
			if err := ctx.Err(); err != nil {
				errs[k] = err
				return
			}
			losses[k], errs[k] = f(ctx, k, shard, grads[k])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return ParallelResult{}, err
	}
	N := float64(len(batch))
	for k := range workers {
		res.Loss += float64(res.Shards[k]) / N * losses[k]
	}
	// All-reduce: worker k owns chunk k of the parameters.
	chunk := (nParams + workers - 1) / workers
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := min(k*chunk, nParams), min((k+1)*chunk, nParams)
			for j, g := range grads {
				w := float64(res.Shards[j]) / N
				for i := lo; i < hi; i++ {
					res.Grad[i] += w * g[i]
				}
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	return res, nil
}
