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
	"time"
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
	{
		file: "lib.go",
		old:  "\t\tsymAddr[elfsym.Name] = elfsym.Value\n",
		new:  "\t\tif elfsym.Section != elf.SHN_UNDEF {\n\t\t\tsymAddr[elfsym.Name] = elfsym.Value\n\t\t}\n",
		why: "a shared library's table of symbol addresses also held the symbols it only imports (address 0); " +
			"with two libraries, decoding a type of libcore.so could look it up in librest.so and fail with " +
			"\"can't find relocation in type:... at offset N\"",
	},
	{
		file: "pcln.go",
		old:  "\t// Loop through the CUs, and calculate the size needed.\n\tvar size int64\n",
		new:  "\t// Loop through the CUs, and calculate the size needed.\n\tvar size int64 = 1\n",
		why: "the first function of a module gets name offset 0, which the runtime reads as \"no name\"; " +
			"in a module linked with -linkshared that function is the cell's Run, so it vanished from " +
			"tracebacks and runtime.FuncForPC named it \"\"",
	},
	{
		file: "lib.go",
		old:  "func linkerFlagSupported(arch *sys.Arch, linker, altLinker, flag string) bool {\n",
		new:  probeCache + "func linkerFlagSupported0(arch *sys.Arch, linker, altLinker, flag string) bool {\n",
		why: "before every external link the linker asks the C compiler whether it accepts three flags, " +
			"compiling and linking a trivial C program each time (12 processes); with LINGO_LINKER_PROBES " +
			"naming a file, the answers are kept there",
	},
}

// probeCache replaces cmd/link's linkerFlagSupported by a version that
// remembers its answers in the file $LINGO_LINKER_PROBES, keyed by the C
// compiler (path and time), the flags and the flag asked about.
const probeCache = `func linkerFlagSupported(arch *sys.Arch, linker, altLinker, flag string) bool {
	cache := os.Getenv("LINGO_LINKER_PROBES")
	if cache == "" {
		return linkerFlagSupported0(arch, linker, altLinker, flag)
	}
	key := []string{linker, altLinker, flag}
	key = append(key, ldflag...)
	key = append(key, flagExtldflags...)
	if p, err := exec.LookPath(linker); err == nil {
		if fi, err := os.Stat(p); err == nil {
			key = append(key, p, fi.ModTime().String())
		}
	}
	k := strings.Join(key, " ")
	if b, err := os.ReadFile(cache); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if lk, v, ok := strings.Cut(line, "\t"); ok && lk == k {
				return v == "1"
			}
		}
	}
	ok := linkerFlagSupported0(arch, linker, altLinker, flag)
	v := "0"
	if ok {
		v = "1"
	}
	if f, err := os.OpenFile(cache, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		f.WriteString(k + "\t" + v + "\n")
		f.Close()
	}
	return ok
}

`

// patchLinkerSource reads the linker source files of the toolchain at
// goroot that linkerPatches edit and returns them patched, with a hash of
// the toolchain and the patches. It fails, naming the file, when a patch's
// old text is not found exactly once (another Go release).
func patchLinkerSource(goroot, goversion string) (map[string]string, []byte, error) {
	dir := filepath.Join(goroot, "src", "cmd", "link", "internal", "ld")
	h := sha256.New()
	fmt.Fprintln(h, goroot, goversion)
	files := map[string]string{}
	for _, p := range linkerPatches {
		if _, ok := files[p.file]; !ok {
			b, err := os.ReadFile(filepath.Join(dir, p.file))
			if err != nil {
				return nil, nil, fmt.Errorf("lingo: reading the linker source: %w", err)
			}
			files[p.file] = string(b)
		}
		if n := strings.Count(files[p.file], p.old); n != 1 {
			return nil, nil, fmt.Errorf("lingo: the linker patch for %s does not apply to %s (its text is found %d times, want 1)", p.file, goversion, n)
		}
		files[p.file] = strings.Replace(files[p.file], p.old, p.new, 1)
		fmt.Fprintln(h, p.file, p.old, p.new)
	}
	return files, h.Sum(nil), nil
}

// patchedLinker returns the path of the Go linker built from the
// toolchain's source with linkerPatches, building it into the cache the
// first time (about 10 s of CPU).
func patchedLinker(goroot, goversion string, env []string) (string, error) {
	dir := filepath.Join(goroot, "src", "cmd", "link", "internal", "ld")
	files, sum, err := patchLinkerSource(goroot, goversion)
	if err != nil {
		return "", err
	}
	tools, err := privateDir("tools")
	if err != nil {
		return "", err
	}
	out := filepath.Join(tools, "link-"+hex.EncodeToString(sum)[:16])
	if _, err := os.Lstat(out); err == nil {
		return out, CheckPrivate(out) // only a linker this user built runs
	}
	tmp, err := os.MkdirTemp(tools, "link-src-")
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
	// Linkers patched for another toolchain or set of patches.
	old, _ := filepath.Glob(filepath.Join(tools, "link-*"))
	for _, f := range old {
		if fi, err := os.Stat(f); err == nil && f != out && !fi.IsDir() && time.Since(fi.ModTime()) > 24*time.Hour {
			os.Remove(f)
		}
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
