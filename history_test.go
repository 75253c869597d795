package main

// Black-box test of the kernel's history (issue 27 item 9).

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// historySearch sends a history_request searching every input and
// returns the [session, line, input] triples of the reply.
func (k *testKernel) historySearch(c *rawConn) [][]any {
	k.t.Helper()
	req := k.message("history_request", "", `{"output": false, "raw": true, "hist_access_type": "search", "pattern": "*", "n": 0, "unique": false}`)
	var h struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(req[2], &h)
	c.send(req...)
	for {
		m, err := c.recvFrames()
		if err != nil {
			k.alive()
			k.t.Fatalf("no history_reply: %v", err)
		}
		if typ, parent, _ := header(m); typ == "history_reply" && parent == h.MsgID {
			var content struct {
				History [][]any `json:"history"`
			}
			for i, f := range m {
				if string(f) == "<IDS|MSG>" {
					json.Unmarshal(m[i+5], &content)
				}
			}
			return content.History
		}
	}
}

// TestHistoryAcrossKernels: two kernels started together on a history
// file that holds a 17 MiB line between two entries. Each must get its own
// session number (they used to share one), see the entry after the huge
// line (a line over 16 MB used to end the reading), and leave the file
// private (it was 0644).
func TestHistoryAcrossKernels(t *testing.T) {
	data := t.TempDir()
	path := filepath.Join(data, "history.jsonl")
	old := `{"session":1,"line":1,"input":"before := 1"}` + "\n" +
		`{"session":1,"line":2,"input":"huge := \"` + strings.Repeat("x", 17<<20) + `\""}` + "\n" +
		`{"session":2,"line":1,"input":"after := 2"}` + "\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	env := "LINGO_DATA=" + data
	a, b := launchKernel(t, env), launchKernel(t, env)
	a.waitReady()
	b.waitReady()
	for i, k := range []*testKernel{a, b} {
		if st := k.execute(k.dial("shell", "DEALER"), fmt.Sprintf("kernel%d := %d", i, i)); st != "ok" {
			t.Fatalf("kernel %d: cell status %q", i, st)
		}
	}
	sessions := map[string]float64{}
	for _, e := range a.historySearch(a.dial("shell", "DEALER")) {
		if len(e) == 3 {
			sessions[fmt.Sprint(e[2])], _ = e[0].(float64)
		}
	}
	for _, in := range []string{"before := 1", "after := 2", "kernel0 := 0", "kernel1 := 1"} {
		if _, ok := sessions[in]; !ok {
			t.Errorf("history lacks %q; it has %v", in, keys(sessions))
		}
	}
	if s0, s1 := sessions["kernel0 := 0"], sessions["kernel1 := 1"]; s0 == s1 || s0 <= 2 || s1 <= 2 {
		t.Errorf("the kernels' sessions are %v and %v: want two new, different numbers", s0, s1)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("history.jsonl mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
}

func keys(m map[string]float64) []string {
	var out []string
	for k := range m {
		if len(k) > 40 {
			k = k[:40] + "…"
		}
		out = append(out, k)
	}
	return out
}
