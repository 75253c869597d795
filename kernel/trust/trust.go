package trust

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// notary.py reads each notebook as Jupyter's contents manager does
// (nbformat.read, as version 4) and signs or checks it with NotebookNotary.
//
//go:embed notary.py
var notaryScript string

// A Notary signs and checks notebooks for one user.
type Notary struct {
	// Python is the interpreter that runs Jupyter; "" finds it (see
	// FindPython).
	Python string
	// DataDir is the Jupyter data directory holding notebook_secret and
	// nbsignatures.db; "" uses Jupyter's own default (JUPYTER_DATA_DIR, else
	// ~/.local/share/jupyter on Linux).
	DataDir string
}

// Sign records the signatures of the notebooks at paths with the default
// Notary. See Notary.Sign.
func Sign(paths ...string) error { return (&Notary{}).Sign(paths...) }

// Trusted reports, with the default Notary, whether each notebook is trusted.
// See Notary.Trusted.
func Trusted(paths ...string) ([]bool, error) { return (&Notary{}).Trusted(paths...) }

// Sign records the signature of each notebook in the trust database, so
// Jupyter shows its stored outputs. A notebook that cannot be read is
// reported in the error, and the others are still signed.
func (n *Notary) Sign(paths ...string) error {
	_, err := n.run("sign", paths)
	return err
}

// Trusted reports whether each notebook's signature is in the trust
// database. The error names the notebooks that could not be read; their
// entries are false.
func (n *Notary) Trusted(paths ...string) ([]bool, error) {
	return n.run("check", paths)
}

type result struct {
	Path    string `json:"path"`
	Trusted bool   `json:"trusted"`
	Error   string `json:"error"`
}

func (n *Notary) run(mode string, paths []string) ([]bool, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	py := n.Python
	if py == "" {
		var err error
		if py, err = FindPython(); err != nil {
			return nil, err
		}
	}
	args := []string{"-c", notaryScript, mode}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("trust: %w", err)
		}
		args = append(args, abs)
	}
	cmd := exec.Command(py, args...)
	cmd.Env = os.Environ()
	if n.DataDir != "" {
		cmd.Env = append(cmd.Env, "JUPYTER_DATA_DIR="+n.DataDir)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("trust: %s %s failed: %v: %s", py, mode, err, strings.TrimSpace(stderr.String()))
	}
	var res []result
	if err := json.Unmarshal(out, &res); err != nil || len(res) != len(paths) {
		return nil, fmt.Errorf("trust: unexpected answer from %s: %q", py, out)
	}
	ok := make([]bool, len(res))
	var errs []error
	for i, r := range res {
		ok[i] = r.Trusted
		if r.Error != "" {
			errs = append(errs, fmt.Errorf("trust: %s: %s", paths[i], r.Error))
		}
	}
	return ok, errors.Join(errs...)
}

// FindPython returns the Python interpreter that runs Jupyter and can import
// nbformat: $LINGO_JUPYTER_PYTHON if set, else the interpreter named on the
// first line of the jupyter command on PATH, else /usr/bin/python3 (Debian's
// Jupyter), else python3 on PATH.
func FindPython() (string, error) {
	if p := os.Getenv("LINGO_JUPYTER_PYTHON"); p != "" {
		return p, nil
	}
	var candidates []string
	if j, err := exec.LookPath("jupyter"); err == nil {
		if p := interpreter(j); p != "" {
			candidates = append(candidates, p)
		}
	}
	candidates = append(candidates, "/usr/bin/python3")
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, p := range candidates {
		if exec.Command(p, "-c", "import nbformat.sign").Run() == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("trust: no Python with nbformat found (tried %s); install Jupyter (Debian/Ubuntu: sudo apt-get install jupyter-notebook) or set LINGO_JUPYTER_PYTHON", strings.Join(candidates, ", "))
}

// interpreter returns the program a script's #! line runs ("" if none),
// resolving "/usr/bin/env NAME" through PATH.
func interpreter(script string) string {
	f, err := os.Open(script)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "#!") {
		return ""
	}
	fields := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(fields) == 0 {
		return ""
	}
	if filepath.Base(fields[0]) == "env" {
		for _, f := range fields[1:] {
			if !strings.HasPrefix(f, "-") {
				p, err := exec.LookPath(f)
				if err != nil {
					return ""
				}
				return p
			}
		}
		return ""
	}
	return fields[0]
}
