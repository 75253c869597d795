package worker

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"testing"
)

// The ename of an error a cell's last expression returns.
func TestErrorName(t *testing.T) {
	_, numErr := strconv.Atoi("x")
	_, pathErr := os.Open("/no/such/file")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{numErr, "strconv.NumError"},
		{pathErr, "fs.PathError"},
		{errors.New("plain"), "error"},
		{fmt.Errorf("wrapped: %w", fs.ErrNotExist), "error"},
	} {
		if got := errorName(tc.err); got != tc.want {
			t.Errorf("errorName(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// changes reports the environment only when it changed.
func TestChanges(t *testing.T) {
	lastEnv = nil
	dir, env := changes()
	wd, _ := os.Getwd()
	if dir != wd || env == nil {
		t.Fatalf("first report: %q, %d variables", dir, len(env))
	}
	if _, env := changes(); env != nil {
		t.Errorf("unchanged environment reported again")
	}
	t.Setenv("LINGO_WORKER_TEST", "1")
	if _, env := changes(); env == nil {
		t.Errorf("a changed environment was not reported")
	}
}
