// Package parallel shows, on goroutines, the two ways of splitting one
// model across workers that large-model training adds to data parallelism
// (which splits the batch; see llm.DataParallel): tensor parallelism and
// pipeline parallelism. Together they are the "3-D parallelism" of
// Megatron-LM and DeepSpeed, with which BLOOM was trained.
//
// # Tensor parallelism
//
// One layer's matrices are split across workers (Shoeybi et al. 2019).
// For the Transformer's MLP, Y = GeLU(X·A)·B, A is cut by columns and B by
// the matching rows; worker p computes Y_p = GeLU(X·A_p)·B_p alone, and an
// all-reduce sums Y = Σ_p Y_p. AllReduce is the ring algorithm: each
// worker sends 2(P−1)/P of the buffer, whatever the number of workers.
//
// # Pipeline parallelism
//
// The layers are cut into stages, one per worker; the batch is cut into M
// micro-batches that flow forward through the stages and back (Huang et
// al. 2019). A stage waits while the pipeline fills and drains: with equal
// passes a fraction (S−1)/(M+S−1) of the stages' time is idle (the
// bubble). Net.Pipeline runs a real training step this way and records
// every pass; Simulate computes the ideal schedule; both draw as a
// timeline.
//
// # On real clusters
//
// A Layout places Data × Pipeline × Tensor workers on GPU nodes as
// Megatron-LM does: tensor groups inside a node (they talk in every
// layer), stages and replicas across nodes. This package does the
// arithmetic of those schemes on one machine; it is not a distributed
// training engine. DeepSpeed and Megatron-LM are: they run the same
// algorithms over NCCL on thousands of GPUs, overlap communication with
// computation, recompute activations and shard optimizer states (ZeRO).
//
// References:
//   - M. Shoeybi et al., Megatron-LM: Training Multi-Billion Parameter
//     Language Models Using Model Parallelism, arXiv:1909.08053, 2019.
//   - Y. Huang et al., GPipe: Efficient Training of Giant Neural Networks
//     using Pipeline Parallelism, NeurIPS 2019.
//   - D. Narayanan et al., Efficient Large-Scale Language Model Training on
//     GPU Clusters Using Megatron-LM, SC 2021 (1F1B, 3-D parallelism).
//   - P. Patarasuk and X. Yuan, Bandwidth optimal all-reduce algorithms for
//     clusters of workstations, JPDC 2009 (the ring all-reduce).
//   - S. Rajbhandari et al., ZeRO: Memory Optimizations Toward Training
//     Trillion Parameter Models, SC 2020.
//
// Usage:
//
//	mlp := parallel.NewMLP(8, 32, 1)
//	x := parallel.RandomMatrix(4, 8, 1, 2)
//	r, _ := mlp.TensorParallel(x, 4)       // r.Y[p]: each worker's output
//	net, _ := parallel.NewNet([]int{64, 64, 64, 64, 64}, 1)
//	run, _ := net.Pipeline(x, t, parallel.PipeConfig{Stages: 2, MicroBatches: 8})
//	plots.Display(run.Timeline("GPipe"))
package parallel
