//go:build goexperiment.simd && amd64

package autograd

import (
	"os"
	"os/exec"
	"simd/archsimd"
	"strings"
	"testing"
)

// A CPU without AVX-512 runs the 8-lane AVX2 kernels, and one without
// AVX2 the scalar ones: the test binary runs again with those features
// turned off through GODEBUG (as the Go runtime reports them to
// simd/archsimd) and its kernel and attention tests pass on those paths.
func TestWithoutAVX512(t *testing.T) {
	if want := os.Getenv("LINGO_TEST_NOSIMD"); want != "" {
		if useSIMD {
			t.Fatal("GODEBUG turned AVX-512 off, but the 16-lane kernels are on")
		}
		if !strings.HasPrefix(KernelsName(), want) {
			t.Fatalf("KernelsName() = %q, want %s…", KernelsName(), want)
		}
		return
	}
	for godebug, want := range map[string]string{"cpu.avx512f=off": "8-lane AVX2", "cpu.avx512f=off,cpu.avx2=off,cpu.fma=off": "scalar"} {
		if want == "8-lane AVX2" && !(archsimd.X86.AVX2() && archsimd.X86.FMA()) {
			continue
		}
		cmd := exec.Command(os.Args[0], "-test.run", "TestWithoutAVX512|KernelsMatchScalar|TestSelfAttentionEqualsChain|TestGradCheck|TestStalePool", "-test.count=1")
		cmd.Env = append(os.Environ(), "GODEBUG="+godebug, "LINGO_TEST_NOSIMD="+want)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "PASS") {
			t.Errorf("GODEBUG=%s: %v\n%s", godebug, err, out)
		}
	}
}
