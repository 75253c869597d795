package engine

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// The worker and every cell are built with the same settings (a plugin
// must match its host), chosen here so that a default install gets the
// fast kernels without the user setting anything:
//
//   - GOEXPERIMENT=simd when the toolchain is Go 1.26 on amd64: nlp's
//     element-wise kernels (autograd, nn, word2vec) then have AVX2 and
//     AVX-512 versions, picked at run time by what the CPU has, with the
//     scalar code as fallback. The experiment's API (simd/archsimd) is not
//     yet stable, so other toolchains build without it. A GOEXPERIMENT in
//     the environment is used as it is; LINGO_SIMD=0 turns the default off.
//   - Matrix products use OpenBLAS (Accelerate on macOS) when the system has
//     it; nlp/autograd finds the library at run time, no build setting is
//     involved (see ProbeBLAS).

var goToolchain = sync.OnceValues(func() (version, arch string) {
	out, err := exec.Command("go", "env", "GOVERSION", "GOARCH").Output()
	if err != nil {
		return "", ""
	}
	f := strings.Fields(string(out))
	if len(f) < 2 {
		return "", ""
	}
	return f[0], f[1]
})

// Experiment returns the GOEXPERIMENT the worker and the cells are built
// with: the environment's if set, else "simd" for Go 1.26 on amd64 unless
// LINGO_SIMD=0, else "".
func Experiment() string {
	if e, ok := os.LookupEnv("GOEXPERIMENT"); ok {
		return e
	}
	return defaultExperiment(os.Getenv("LINGO_SIMD"))
}

func defaultExperiment(lingoSIMD string) string {
	if lingoSIMD == "0" {
		return ""
	}
	version, arch := goToolchain()
	return simdExperiment(version, arch)
}

// simdExperiment is "simd" for the toolchains whose simd/archsimd API nlp
// is written against.
func simdExperiment(version, arch string) string {
	if arch == "amd64" && strings.HasPrefix(version, "go1.26") {
		return "simd"
	}
	return ""
}

// probeSource prints what nlp's numeric kernels use in this build.
const probeSource = `package main

import (
	"fmt"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

func main() {
	fmt.Println(ag.BLASName())
	fmt.Println(ag.KernelsName())
}
`

// ProbeBLAS builds and runs a small program with the worker's settings
// and returns what it reports: the BLAS that matrix products use (and why
// it was chosen) and the element-wise kernels, e.g.
//
//	OpenBLAS (libopenblas.so.0: OpenBLAS 0.3.21 …), 1 thread
//	16-lane AVX-512 (GOEXPERIMENT=simd)
func ProbeBLAS(root string) (blas, kernels string, err error) {
	dir, err := os.MkdirTemp("", "lingo-probe-")
	if err != nil {
		return "", "", err
	}
	defer os.RemoveAll(dir)
	if err := writeSessionFiles(dir, root); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(probeSource), 0o644); err != nil {
		return "", "", err
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = goEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", "", fmt.Errorf("lingo: building the BLAS probe: %v\n%s", err, out)
	}
	lines := strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)
	if len(lines) < 2 {
		return "", "", fmt.Errorf("lingo: unexpected BLAS probe output %q", out)
	}
	return lines[0], lines[1], nil
}
