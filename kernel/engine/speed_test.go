package engine

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// The SIMD experiment is on by default only for the toolchain whose
// simd/archsimd API nlp's kernels are written against (Go 1.26) on amd64.
func TestSIMDExperiment(t *testing.T) {
	for _, c := range []struct{ version, arch, want string }{
		{"go1.26.8", "amd64", "simd"},
		{"go1.26rc2", "amd64", "simd"},
		{"go1.26.8", "arm64", ""},
		{"go1.27.0", "amd64", ""},
		{"go1.25.4", "amd64", ""},
		{"devel go1.27-abcdef", "amd64", ""},
	} {
		if got := simdExperiment(c.version, c.arch); got != c.want {
			t.Errorf("simdExperiment(%q, %q) = %q, want %q", c.version, c.arch, got, c.want)
		}
	}
}

// The worker's and cells' go commands get the default experiment unless
// the user set GOEXPERIMENT or LINGO_SIMD=0; the choice is part of the
// worker's cache key.
func TestGoEnvExperiment(t *testing.T) {
	version, arch := goToolchain()
	if simdExperiment(version, arch) == "" {
		t.Skipf("toolchain %s/%s builds without the SIMD experiment", version, arch)
	}
	experiments := func() []string {
		var e []string
		for _, kv := range goEnv() {
			if strings.HasPrefix(kv, "GOEXPERIMENT=") {
				e = append(e, kv)
			}
		}
		return e
	}
	t.Setenv("GOEXPERIMENT", "")
	os.Unsetenv("GOEXPERIMENT") // restored by the Setenv above
	t.Setenv("LINGO_SIMD", "")
	if got := experiments(); !slices.Equal(got, []string{"GOEXPERIMENT=simd"}) {
		t.Errorf("default: %v", got)
	}
	t.Setenv("LINGO_SIMD", "0")
	if got := experiments(); len(got) != 0 {
		t.Errorf("LINGO_SIMD=0: %v", got)
	}
	t.Setenv("GOEXPERIMENT", "nocoverageredesign")
	if got := experiments(); !slices.Equal(got, []string{"GOEXPERIMENT=nocoverageredesign"}) {
		t.Errorf("user's GOEXPERIMENT: %v", got)
	}
}
