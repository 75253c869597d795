package main

// Black-box tests of the kernel's ports against hostile local peers (issue
// 27 item 11): `lingo kernel` is attacked over raw TCP by peers that have
// no key.

import (
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKernelSurvivesHugeFrameHeaders: a ZMTP frame header claiming 2^63−1
// or 2^40 bytes, sent by a peer that has no key, to any port; the kernel
// must keep serving (zmq4 v0.17.0 allocated the claimed size and died).
func TestKernelSurvivesHugeFrameHeaders(t *testing.T) {
	k := startKernel(t)
	for _, port := range []struct{ name, typ string }{
		{"shell", "DEALER"}, {"control", "DEALER"}, {"stdin", "DEALER"}, {"iopub", "SUB"}, {"hb", "REQ"}} {
		for _, size := range []uint64{1<<63 - 1, 1 << 40} {
			c := k.dial(port.name, port.typ)
			hdr := binary.BigEndian.AppendUint64([]byte{0x02}, size)
			c.conn.Write(append(hdr, "some bytes"...))
		}
	}
	for _, port := range []string{"shell", "control"} {
		k.kernelInfo(k.dial(port, "DEALER"), "")
	}
	hb := k.dial("hb", "REQ")
	hb.send([]byte{}, []byte("ping"))
	if m, err := hb.recvFrames(); err != nil || len(m) != 2 || string(m[1]) != "ping" {
		k.alive()
		t.Fatalf("heartbeat: %q, %v", m, err)
	}
	k.alive()
}

// TestIdleConnectionDoesNotBlockClients: a TCP connection that never
// sends its greeting (or stops halfway) must not keep new clients out.
func TestIdleConnectionDoesNotBlockClients(t *testing.T) {
	k := startKernel(t)
	for _, port := range []string{"shell", "control", "hb"} {
		for _, prefix := range []string{"", "\xff\x00\x00\x00\x00\x00\x00\x00\x01\x7f"} {
			c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", k.ports[port]))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.Write([]byte(prefix))
		}
	}
	for _, port := range []string{"shell", "control"} {
		k.kernelInfo(k.dial(port, "DEALER"), "")
	}
	hb := k.dial("hb", "REQ")
	hb.send([]byte{}, []byte("ping"))
	if m, err := hb.recvFrames(); err != nil || len(m) != 2 || string(m[1]) != "ping" {
		t.Fatalf("heartbeat blocked by an idle connection: %q, %v", m, err)
	}
}

// TestStuckSubscriberDoesNotStallIOPub: an iopub subscriber that never
// reads must not stop the output other clients see. Each request's
// status messages carry its 256 KiB parent header, so 80 requests push
// 40 MiB at the stuck peer, far more than loopback TCP buffers hold.
func TestStuckSubscriberDoesNotStallIOPub(t *testing.T) {
	k := startKernel(t)
	stuck := k.dial("iopub", "SUB")
	stuck.send([]byte{1}) // subscribe to everything
	stuckSubscribed := make(chan struct{})
	go func() {
		stuck.recvFrames() // one message proves the subscription; then it never reads again
		close(stuckSubscribed)
	}()
	good := k.dial("iopub", "SUB")
	good.send([]byte{1})
	type status struct{ parent, state string }
	statuses := make(chan status, 1024)
	go func() {
		defer close(statuses)
		for {
			m, err := good.recvFrames()
			if err != nil {
				return
			}
			if typ, parent, c := header(m); typ == "status" {
				st, _ := c["execution_state"].(string)
				statuses <- status{parent, st}
			}
		}
	}()
	waitIdle := func(id string, within time.Duration) bool {
		timer := time.NewTimer(within)
		defer timer.Stop()
		for {
			select {
			case s, ok := <-statuses:
				if !ok {
					k.alive()
					t.Fatalf("iopub stalled: no status for %s", id)
				}
				if s.parent == id && s.state == "idle" {
					return true
				}
			case <-timer.C:
				return false
			}
		}
	}
	shell := k.dial("shell", "DEALER")
	// Subscriptions take effect asynchronously: repeat a request until
	// both subscribers have seen output.
	deadline := time.Now().Add(patience)
	for synced := false; !synced; {
		if time.Now().After(deadline) {
			t.Fatal("the subscriptions never took effect")
		}
		synced = waitIdle(k.kernelInfo(shell, ""), 200*time.Millisecond)
		select {
		case <-stuckSubscribed:
		default:
			synced = false
		}
	}
	pad := strings.Repeat("u", 256<<10)
	for i := range 80 {
		if id := k.kernelInfo(shell, pad); !waitIdle(id, patience) {
			k.alive()
			t.Fatalf("request %d: iopub stalled, no idle status", i)
		}
	}
	k.alive()
}

// TestKernelRefusesPlantedCache: with HOME and XDG_CACHE_HOME unset the
// cache directory falls back to $TMPDIR, where any local user can plant
// workers/worker-<hash> for the kernel to execute. A cache directory that
// others may write is refused, and the kernel says why instead of starting.
func TestKernelRefusesPlantedCache(t *testing.T) {
	tmp := t.TempDir()
	for _, name := range []string{"lingo", fmt.Sprintf("lingo-%d", os.Getuid())} {
		d := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(d, "workers"), 0o777); err != nil {
			t.Fatal(err)
		}
		os.Chmod(d, 0o777)
		os.Chmod(filepath.Join(d, "workers"), 0o777)
	}
	k := launchKernel(t, "HOME=", "XDG_CACHE_HOME=", "LINGO_CACHE=", "TMPDIR="+tmp)
	deadline := time.Now().Add(patience)
	for {
		select {
		case <-k.exited:
			if k.cmd.ProcessState.Success() || !strings.Contains(k.stderr.String(), "refusing "+tmp) {
				t.Fatalf("the kernel exited with %v and said:\n%s\nwant a failure refusing the cache in %s", k.cmd.ProcessState, k.stderr, tmp)
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
		if c, err := k.tryDial("shell", "DEALER"); err == nil {
			c.conn.Close()
			t.Fatalf("the kernel started with a cache directory in %s that every user can write", tmp)
		}
		if time.Now().After(deadline) {
			t.Fatal("the kernel neither started nor exited")
		}
	}
}
