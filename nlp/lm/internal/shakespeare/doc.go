// Package main is the shakespeare command, a benchmark tool that is not part
// of the library.
//
// Command shakespeare trains lm.Transformer in nanoGPT's baby
// configuration (4 layers, 4 heads, 128-d, block 64, batch 12, AdamW 1e-3)
// on tinyshakespeare for the quality target (validation loss ≤ 1.80
// after 2000 steps) and prints the loss curve like the PyTorch peer.
//
//	GOEXPERIMENT=simd go run ./nlp/lm/internal/shakespeare -steps 2000 -threads 1
//
// Measured on the shared 2-core machine, 1 thread each, both runs at the
// same time (so under the same load), validation loss at steps 250 … 2000:
//
//	lm + OpenBLAS  2.355 2.141 2.053 1.971 1.898 1.810 1.774 1.761   184.4 s wall (92.2 ms/step)
//	PyTorch 1.13   2.346 2.104 2.008 1.927 1.889 1.875 1.821 1.767   147.7 s wall (73.3 ms/step)
//
// that is 1.25× PyTorch's wall time. An earlier run, not side by side, gave
// 335 s against 215 s on a busier machine.
//
// PyTorch's validation loss is the mean of 20 random batches (contexts of
// 0–63 characters); ours is a fixed 20 000-character slice scored with
// sliding windows (contexts of 32–63), which favours us slightly. Our
// figure includes 8 such evaluations (about 5% of the run).
package main
