// Package autograd is a small, readable reverse-mode automatic
// differentiation engine over n-dimensional tensors, in the spirit of
// Karpathy's micrograd but vectorised and fast enough to train a small GPT
// on a CPU.
//
// # The idea
//
// A forward pass builds a graph: every op (MatMul, Add, Softmax, …) makes
// an output tensor that remembers its inputs and a backward closure written
// right beside the forward code. For a scalar loss L and an op y = f(x),
// the closure receives g = ∂L/∂y in y.Grad and adds ∂L/∂x = g·∂y/∂x into
// x.Grad (the chain rule, one op at a time). Backward visits the graph in
// reverse topological order so that every tensor's gradient is complete
// before it is passed on. Gradients accumulate (+=), which is both how a
// tensor used twice gets the sum of its two contributions and how
// gradient accumulation over micro-batches works. Formula and PrintFormulas
// list every op's rule; PrintGraph prints a graph.
//
// Tensors are generic over float32 (training) and float64 (GradCheck, the
// finite-difference check every op is tested with). Shapes follow numpy:
// Add, Sub and Mul broadcast; Reshape is a view without a copy.
//
// # Speed
//
// Matrix products go through gonum's BLAS interface
// (gonum.org/v1/gonum/blas/blas32). At start-up the package loads a C BLAS
// if the system has one (OpenBLAS, Debian's libopenblas0; Accelerate on
// macOS) and otherwise multiplies in pure Go; no build tag is involved.
// BLASName says which one runs and why; the LINGO_BLAS environment
// variable or UseBLAS choose another. Element-wise kernels (exp, tanh,
// GELU, softmax, layer norm) have 16-lane AVX-512 and 8-lane AVX2 versions,
// chosen at run time, when built with GOEXPERIMENT=simd, as the Lingo
// kernel builds cells on Go 1.26 amd64; KernelsName says which run. SetThreads sets how many threads the BLAS
// and the hot loops use (1 unless LINGO_THREADS says otherwise).
//
// Besides the textbook ops there are four fused ones, each documented as
// equal to the chain it replaces and gradient-checked like the rest:
// Linear (x·W + b), MatMulT (a·bᵀ without copying bᵀ), CausalSoftmax
// (Softmax(CausalMask(Scale(x, s)))) and SelfAttention (the heads of a
// Transformer's attention in place). They exist for speed; read the
// unfused chain first.
//
// A graph belongs to one goroutine at a time (ops may use several
// goroutines inside, see SetThreads); build and differentiate it there.
//
// Shape mistakes are programming errors: ops panic with a *ShapeError that
// names the shapes involved, and Catch converts that panic into an error.
//
// Memory: a training step builds the same graph every step. Release, called
// after the optimizer step, returns every intermediate buffer to a pool that
// the next step draws from, so steady-state training does not allocate its
// activations anew.
//
// References: A. Griewank and A. Walther, Evaluating Derivatives (2008),
// ch. 3 (reverse mode); A. Karpathy, micrograd and nanoGPT; PyTorch's
// autograd semantics (accumulating .grad, no_grad).
//
// # Usage
//
//	x := autograd.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
//	W := autograd.Param[float32](3, 2)      // trainable
//	loss := autograd.Mean(autograd.Tanh(autograd.MatMul(x, W)))
//	loss.Backward()                         // W.Grad now holds ∂loss/∂W
//	loss.Release()                          // recycle the intermediates
package autograd
