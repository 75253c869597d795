// Package limits finds the memory and CPU a kernel's worker may use and
// turns them into the Go runtime's own knobs.
//
// A limit comes from up to three places, and the smallest of each kind
// wins:
//
//   - an explicit setting (lingo kernel --memory 2G --cpus 1.5);
//   - the control group the kernel runs in: cgroup v2 memory.max and
//     cpu.max, or cgroup v1 memory.limit_in_bytes and
//     cpu.cfs_quota_us/cpu.cfs_period_us, read from the kernel's own group
//     up to the root of the hierarchy (a parent's limit binds its children).
//     This is what a container or KubeSpawner's resources.limits gives;
//   - the MEM_LIMIT (bytes) and CPU_LIMIT (cores) environment variables that
//     JupyterHub's spawners set from Spawner.mem_limit and cpu_limit, which
//     LocalProcessSpawner passes on without enforcing.
//
// Limits.Env gives the worker GOMEMLIMIT (WorkerShare of the memory limit,
// so the garbage collector works harder before the hard limit is reached)
// and GOMAXPROCS (the CPU limit rounded up). An explicit memory limit is
// also enforced: the worker sets its own RLIMIT_DATA to it (Limits.Enforce
// tells it to), so an allocation past it fails with the Go runtime's "out
// of memory" instead of taking the machine down. Under a cgroup limit the
// kernel's OOM killer enforces it; OOMKills counts its kills so the engine
// can say that a dead worker hit the limit.
//
// Usage:
//
//	l := limits.Detect(limits.Limits{Memory: 2 << 30}) // explicit, or zero
//	cmd.Env = append(os.Environ(), l.Env()...)
//	fmt.Println(l)                                     // "memory 2.0 GiB (--memory), 2 CPUs (cgroup v2 cpu.max)"
package limits
