//go:build goexperiment.simd && amd64

package word2vec

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A CPU without AVX2 and FMA trains with the generic kernels: the test
// binary runs again with those features turned off through GODEBUG and the
// kernel and training tests pass there.
func TestWithoutAVX2(t *testing.T) {
	if os.Getenv("LINGO_TEST_NOSIMD") != "" {
		if SIMD {
			t.Fatal("GODEBUG turned AVX2 off, but the SIMD kernels are on")
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run", "TestWithoutAVX2|TestSixRowKernels|TestTrain|TestKernels", "-test.count=1")
	cmd.Env = append(os.Environ(), "GODEBUG=cpu.avx2=off,cpu.fma=off", "LINGO_TEST_NOSIMD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Errorf("%v\n%s", err, out)
	}
}
