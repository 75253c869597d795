//go:build goexperiment.simd && amd64

package autograd

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A CPU without AVX-512 (or without AVX2) runs the scalar kernels: the
// test binary runs again with those features turned off through GODEBUG
// (as the Go runtime reports them to simd/archsimd) and its kernel and
// attention tests pass there on the scalar path.
func TestWithoutAVX512(t *testing.T) {
	if os.Getenv("LINGO_TEST_NOSIMD") != "" {
		if useSIMD {
			t.Fatal("GODEBUG turned AVX-512 off, but the SIMD kernels are on")
		}
		if !strings.HasPrefix(KernelsName(), "scalar") {
			t.Fatalf("KernelsName() = %q", KernelsName())
		}
		return
	}
	for _, godebug := range []string{"cpu.avx512f=off", "cpu.avx512f=off,cpu.avx2=off,cpu.fma=off"} {
		cmd := exec.Command(os.Args[0], "-test.run", "TestWithoutAVX512|TestKernelsMatchScalar|TestLayerNormKernelsMatchScalar|TestSelfAttentionEqualsChain|TestGradCheck|TestStalePool", "-test.count=1")
		cmd.Env = append(os.Environ(), "GODEBUG="+godebug, "LINGO_TEST_NOSIMD=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "PASS") {
			t.Errorf("GODEBUG=%s: %v\n%s", godebug, err, out)
		}
	}
}
