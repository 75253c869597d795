package engine

import (
	"context"
	"errors"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

var buildErrLine = regexp.MustCompile(`^((?:cell|silent)\[\d+\]):(\d+):(\d+): (.*)$`)

// build writes the cell's packages and builds the plugin; a plugin already
// built from the same sources is reused.
func (e *Engine) build(ctx context.Context, c *cell.Compiled) (string, error) {
	plugin := filepath.Join(e.dir, "plugins", c.Key+".so")
	if _, err := os.Stat(plugin); err == nil {
		return plugin, nil
	}
	declFile := ""
	if c.DeclPath != "" {
		d := filepath.Join(e.dir, sessionDir(c.DeclPath))
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
		declFile = filepath.Join(d, "decl.go")
		if err := os.WriteFile(declFile, []byte(c.DeclSrc), 0o644); err != nil {
			return "", err
		}
	}
	rdir := filepath.Join(e.dir, sessionDir(c.MainPath))
	if err := os.MkdirAll(rdir, 0o755); err != nil {
		return "", err
	}
	mainFile := filepath.Join(rdir, "main.go")
	if err := os.WriteFile(mainFile, []byte(c.MainSrc), 0o644); err != nil {
		return "", err
	}
	if e.fast != nil {
		err := func() error {
			if c.DeclPath != "" {
				if _, err := e.fast.compile(ctx, c.DeclPath, declFile, c.DeclImports); err != nil {
					return err
				}
			}
			return e.fast.plugin(ctx, c.MainPath, mainFile, c.MainImports, plugin)
		}()
		if err == nil {
			return plugin, nil
		}
		var te *toolError
		if e.fast.shared != nil {
			// go build makes static plugins, which a worker on shared
			// libraries cannot load: report what the fast build said.
			if errors.As(err, &te) && te.tool == "compile" {
				return "", e.buildError(te.out, err)
			}
			return "", err
		}
		debugf("fast build failed, using go build: %v", err)
		// Fall back to the go command, which also gives the usual messages.
		if c.DeclPath != "" {
			e.fast.forget(c.DeclPath)
		}
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-buildmode=plugin", "-o", plugin, "./"+sessionDir(c.MainPath))
	cmd.Dir = e.dir
	cmd.Env = e.env
	outb, err := cmd.CombinedOutput()
	if err != nil {
		return "", e.buildError(string(outb), err)
	}
	return plugin, nil
}

// sessionDir is the directory, relative to the session module, of the
// package with import path p.
func sessionDir(p string) string { return strings.TrimPrefix(p, cell.SessionPath+"/") }

func (e *Engine) buildError(out string, err error) error {
	var msgs []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if m := buildErrLine.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			e.srcMu.Lock()
			src := e.sources[m[1]]
			e.srcMu.Unlock()
			msgs = append(msgs, cell.FormatError(token.Position{Filename: m[1], Line: l, Column: col}, m[4], src))
			continue
		}
		msgs = append(msgs, cell.CleanNames(line))
	}
	if len(msgs) == 0 {
		msgs = append(msgs, err.Error())
	}
	return errors.New(strings.Join(msgs, "\n"))
}
