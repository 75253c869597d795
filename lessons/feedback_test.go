package lessons

import (
	"strings"
	"testing"
)

func TestEqual(t *testing.T) {
	if fb := Equal("chain", []string{"a", "b"}, []string{"a", "b"}); !fb.OK {
		t.Fatalf("equal lists failed: %s", fb)
	}
	fb := Equal("chain", []string{"a", "x"}, []string{"a", "b"}, "look at item 2")
	if fb.OK || !strings.Contains(fb.Message, `item 2 is "x", expected "b"`) {
		t.Fatalf("wrong item: %s", fb)
	}
	if fb := Equal("chain", []string{"a"}, []string{"a", "b"}); fb.OK || !strings.Contains(fb.Message, "1 items, expected 2") {
		t.Fatalf("short list: %s", fb)
	}
}

func TestCloseAndRender(t *testing.T) {
	if fb := Close("p", 0.153, 0.1533, 1e-3); !fb.OK {
		t.Fatalf("close value failed: %s", fb)
	}
	fb := Close("p", 0.2, 0.15, 1e-3, "count the contexts again")
	if fb.OK {
		t.Fatal("far value passed")
	}
	b := fb.Render()
	if !strings.Contains(b["text/html"], "count the contexts again") || !strings.HasPrefix(b["text/plain"], "✗ p:") {
		t.Fatalf("render = %v", b)
	}
}

func TestIndexOrder(t *testing.T) {
	for i, l := range Index {
		if l.Number != i || !strings.HasPrefix(l.Notebook, fmt_02(i)) {
			t.Errorf("lesson %d: %+v", i, l)
		}
	}
}

func fmt_02(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func TestCall(t *testing.T) {
	if msg := Call(func() {}); msg != "" {
		t.Fatalf("normal return: %q", msg)
	}
	if msg := Call(func() { _ = []int{}[1] }); !strings.HasPrefix(msg, "your function panicked: ") || !strings.Contains(msg, "index out of range") {
		t.Fatalf("panic: %q", msg)
	}
}
