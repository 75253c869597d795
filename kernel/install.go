package kernel

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"

	"github.com/lingo-nlp/lingo/kernel/engine"
)

// KernelSpec is a Jupyter kernel.json.
type KernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// KernelSpecDir returns where the kernelspec goes: under prefix if set, else
// the user's Jupyter data directory.
func KernelSpecDir(prefix string) string {
	if prefix != "" {
		return filepath.Join(prefix, "share", "jupyter", "kernels", "lingo")
	}
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "kernels", "lingo")
	}
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" {
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "jupyter", "kernels", "lingo")
}

func installCmd(args []string) int {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	user := fs.Bool("user", true, "install for the current user (default)")
	prefix := fs.String("prefix", "", "install under PREFIX/share/jupyter/kernels")
	sys := fs.Bool("system", false, "install for every user, in the system install's PREFIX/share/jupyter/kernels")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	_ = user
	if *sys {
		s, ok := installed()
		if !ok {
			fmt.Fprintln(os.Stderr, "lingo install --system: this lingo is not a system install (install.sh --system builds one); use --prefix DIR")
			return 2
		}
		*prefix = s.prefix
	}
	dir, err := InstallKernelSpec(*prefix)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("Installed the Go (Lingo) kernelspec in", dir)
	return 0
}

// InstallKernelSpec writes kernel.json and the logos.
func InstallKernelSpec(prefix string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("lingo: finding the lingo binary: %w", err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", err
	}
	root, err := engine.SourceRoot()
	if err != nil {
		return "", err
	}
	dir := KernelSpecDir(prefix)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("lingo: creating %s: %w", dir, err)
	}
	spec := KernelSpec{
		Argv:          []string{exe, "kernel", "--connection-file", "{connection_file}"},
		DisplayName:   "Go (Lingo)",
		Language:      "go",
		InterruptMode: "message",
		Env:           map[string]string{"LINGO_ROOT": root},
	}
	if tags := engine.BuildTags(); tags != "" {
		spec.Env["LINGO_BUILD_TAGS"] = tags
	}
	b, _ := json.MarshalIndent(spec, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return "", err
	}
	for _, size := range []int{32, 64} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, logo(size)); err == nil {
			_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)), buf.Bytes(), 0o644)
		}
	}
	return dir, nil
}

// logo draws Lingo's logo: a gopher-blue disc with a white "L".
func logo(n int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	blue := color.RGBA{0x00, 0xAD, 0xD8, 0xFF}
	c := float64(n-1) / 2
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := float64(x)-c, float64(y)-c
			if dx*dx+dy*dy <= c*c {
				img.Set(x, y, blue)
			}
		}
	}
	w := n / 8
	for y := n / 4; y < 3*n/4; y++ {
		for x := 3 * n / 8; x < 3*n/8+w; x++ {
			img.Set(x, y, color.White)
		}
	}
	for y := 3*n/4 - w; y < 3*n/4; y++ {
		for x := 3 * n / 8; x < 5*n/8+w; x++ {
			img.Set(x, y, color.White)
		}
	}
	return img
}
