package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// linkerPatch is a source edit of the Go linker (cmd/link) that lets a
// plugin be linked against Go shared libraries (-buildmode=plugin
// -linkshared), a combination the released linker links but cannot load.
type linkerPatch struct {
	file     string // under $GOROOT/src/cmd/link/internal/ld
	old, new string
	why      string
}

// linkerPatches are applied to the installed toolchain's own linker
// source; if one no longer applies (a new Go release changed the code),
// the patched linker is not built and cells are linked statically.
var linkerPatches = []linkerPatch{
	{
		file: "ld.go",
		old:  "\tif ctxt.BuildMode == BuildModePlugin {\n\t\tctxt.Textp = append(ctxt.Textp, amd)",
		new:  "\tif ctxt.BuildMode == BuildModePlugin && ctxt.loader.SymType(amd).IsText() {\n\t\tctxt.Textp = append(ctxt.Textp, amd)",
		why: "a plugin linked against a shared runtime laid out runtime.addmoduledata, a symbol of the " +
			"shared library, as an empty function of its own: its init called into int3 padding (SIGTRAP in dlopen)",
	},
	{
		file: "symtab.go",
		old:  "\t\tfor i, l := range ctxt.Library {\n\t\t\t// pkghashes[i].name",
		new:  "\t\tn := 0\n\t\tfor i, l := range ctxt.Library {\n\t\t\tif l.Shlib != \"\" {\n\t\t\t\tcontinue\n\t\t\t}\n\t\t\tn++\n\t\t\t// pkghashes[i].name",
		why: "packages taken from a shared library have no fingerprint at link time, so the plugin's " +
			"package-hash table said \"built with a different version of package runtime\"; the " +
			"shared library's ABI hash already guards them",
	},
	{
		file: "symtab.go",
		old:  "\t\tslice(pkghashes.Sym(), uint64(len(ctxt.Library)))",
		new:  "\t\tslice(pkghashes.Sym(), uint64(n))",
		why:  "the length of the table above",
	},
	{
		file: "lib.go",
		old:  "\tif ctxt.linkShared {\n\t\tseenDirs := make(map[string]bool)",
		new:  "\tif ctxt.linkShared && ctxt.BuildMode != BuildModePlugin {\n\t\tseenDirs := make(map[string]bool)",
		why: "a plugin's shared libraries are already loaded by the worker that opens it; not " +
			"naming them to the external linker saves it reading their symbol tables (about a third of a cell's link)",
	},
}

// patchedLinker returns the path of the Go linker built from the
// toolchain's source with linkerPatches, building it into the cache the
// first time (about 10 s of CPU).
func patchedLinker(goroot, goversion string, env []string) (string, error) {
	dir := filepath.Join(goroot, "src", "cmd", "link", "internal", "ld")
	h := sha256.New()
	fmt.Fprintln(h, goroot, goversion)
	files := map[string]string{}
	for _, p := range linkerPatches {
		if _, ok := files[p.file]; !ok {
			b, err := os.ReadFile(filepath.Join(dir, p.file))
			if err != nil {
				return "", fmt.Errorf("lingo: reading the linker source: %w", err)
			}
			files[p.file] = string(b)
		}
		if strings.Count(files[p.file], p.old) != 1 {
			return "", fmt.Errorf("lingo: the linker patch for %s does not apply to %s", p.file, goversion)
		}
		files[p.file] = strings.Replace(files[p.file], p.old, p.new, 1)
		fmt.Fprintln(h, p.file, p.old, p.new)
	}
	out := filepath.Join(cacheDir(), "tools", "link-"+hex.EncodeToString(h.Sum(nil))[:16])
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	tmp, err := os.MkdirTemp(filepath.Join(cacheDir()), "link-src-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	overlay := map[string]map[string]string{"Replace": {}}
	for name, src := range files {
		f := filepath.Join(tmp, name)
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			return "", err
		}
		overlay["Replace"][filepath.Join(dir, name)] = f
	}
	ov, _ := json.Marshal(overlay)
	if err := os.WriteFile(filepath.Join(tmp, "overlay.json"), ov, 0o644); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", err
	}
	bin := filepath.Join(tmp, "link")
	cmd := exec.Command("go", "build", "-overlay", filepath.Join(tmp, "overlay.json"), "-o", bin, "cmd/link")
	cmd.Dir = tmp
	cmd.Env = append(withoutGoflags(env), "GOFLAGS=")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("lingo: building the patched linker: %v: %s", err, b)
	}
	if err := os.Rename(bin, out); err != nil {
		return "", err
	}
	return out, nil
}

// withoutGoflags drops GOFLAGS from env: the session's -mod=mod and tags
// do not apply to the toolchain's own commands.
func withoutGoflags(env []string) []string {
	var r []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GOFLAGS=") {
			r = append(r, kv)
		}
	}
	return r
}
