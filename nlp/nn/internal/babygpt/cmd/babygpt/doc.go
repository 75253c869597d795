// Package main is the babygpt command, a benchmark tool that is not part
// of the library.
//
// Command babygpt trains nanoGPT's baby character-level GPT with the Lingo
// autograd engine and prints the same lines as the PyTorch peer
// (train/val loss every 250 steps, ms/step), plus allocations per step.
//
//	GOEXPERIMENT=simd go run ./nlp/nn/internal/babygpt/cmd/babygpt -steps 2000 -threads 1
package main
