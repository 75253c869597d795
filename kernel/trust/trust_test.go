package trust

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// notary returns a Notary with a fresh Jupyter data directory, or skips the
// test where no Python with nbformat is installed.
func notary(t *testing.T) *Notary {
	t.Helper()
	py, err := FindPython()
	if err != nil {
		t.Skip(err)
	}
	return &Notary{Python: py, DataDir: t.TempDir()}
}

// A notebook with a rich output, the kind Jupyter hides until trusted.
const notebook = `{
 "cells": [
  {"cell_type": "code", "execution_count": 1, "id": "a1", "metadata": {},
   "outputs": [{"output_type": "display_data", "metadata": {},
     "data": {"image/svg+xml": ["<svg xmlns=\"http://www.w3.org/2000/svg\"/>"], "text/plain": ["chart"]}}],
   "source": ["x := 1\n", "x"]}
 ],
 "metadata": {"kernelspec": {"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}},
 "nbformat": 4, "nbformat_minor": 5
}
`

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSignThenTrusted(t *testing.T) {
	n := notary(t)
	a := write(t, "a.ipynb", notebook)
	b := write(t, "b.ipynb", strings.Replace(notebook, `"chart"`, `"another chart"`, 1))
	ok, err := n.Trusted(a, b)
	if err != nil || ok[0] || ok[1] {
		t.Fatalf("before signing: Trusted = %v, %v; want [false false], nil", ok, err)
	}
	if err := n.Sign(a); err != nil {
		t.Fatal(err)
	}
	ok, err = n.Trusted(a, b)
	if err != nil || !ok[0] || ok[1] {
		t.Fatalf("after signing a: Trusted = %v, %v; want [true false], nil", ok, err)
	}
	// The signature covers the outputs: a changed output is not trusted.
	if err := os.WriteFile(a, []byte(strings.Replace(notebook, "<svg ", "<svg width=\\\"1\\\" ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if ok, err = n.Trusted(a); err != nil || ok[0] {
		t.Fatalf("after changing an output: Trusted = %v, %v; want [false], nil", ok, err)
	}
	// Another user's data directory (another secret) does not trust it.
	if err := n.Sign(b); err != nil {
		t.Fatal(err)
	}
	other := &Notary{Python: n.Python, DataDir: t.TempDir()}
	if ok, err = other.Trusted(b); err != nil || ok[0] {
		t.Fatalf("another data directory: Trusted = %v, %v; want [false], nil", ok, err)
	}
	if _, err := os.Stat(filepath.Join(n.DataDir, "nbsignatures.db")); err != nil {
		t.Errorf("no trust database in the data directory: %v", err)
	}
}

func TestBadNotebookNamed(t *testing.T) {
	n := notary(t)
	good := write(t, "good.ipynb", notebook)
	bad := write(t, "bad.ipynb", `{"cells": [`)
	err := n.Sign(bad, good)
	if err == nil || !strings.Contains(err.Error(), "bad.ipynb") {
		t.Fatalf("Sign(bad, good) error = %v, want one naming bad.ipynb", err)
	}
	if ok, err := n.Trusted(good); err != nil || !ok[0] {
		t.Errorf("the good notebook was not signed alongside the bad one: %v, %v", ok, err)
	}
	if _, err := n.Trusted(filepath.Join(t.TempDir(), "missing.ipynb")); err == nil {
		t.Error("Trusted of a missing file: no error")
	}
}

// A cell without an id gets a new random one each time nbformat reads the
// notebook, so its signature can never match: Sign says so instead of
// signing something Jupyter will not trust.
func TestCellWithoutIDNamed(t *testing.T) {
	n := notary(t)
	p := write(t, "noid.ipynb", strings.Replace(notebook, `"id": "a1", `, "", 1))
	err := n.Sign(p)
	if err == nil || !strings.Contains(err.Error(), "noid.ipynb") || !strings.Contains(err.Error(), `cell 0 has no "id"`) {
		t.Fatalf("Sign of a notebook with a cell without an id: error = %v, want one naming the file and cell 0", err)
	}
}

func TestInterpreter(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ line, want string }{
		{"#! /usr/bin/python3\n", "/usr/bin/python3"},
		{"#!/opt/jupyter/bin/python -E\n", "/opt/jupyter/bin/python"},
		{"#!/bin/sh\n", "/bin/sh"},
		{"print('no shebang')\n", ""},
		{"#!\n", ""},
	} {
		p := filepath.Join(dir, "jupyter")
		if err := os.WriteFile(p, []byte(tc.line+"rest\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		if got := interpreter(p); got != tc.want {
			t.Errorf("interpreter(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}
