package plots

import (
	"strings"
	"testing"
)

func TestTimeline(t *testing.T) {
	tl := NewTimeline("GPipe, 2 stages, 2 micro-batches")
	tl.Groups = []string{"forward", "backward"}
	tl.Add("stage 0", "F0", "forward", 0, 1).Add("stage 0", "F1", "forward", 1, 2).
		Add("stage 1", "F0", "forward", 1, 2).Add("stage 1", "F1", "forward", 2, 3).
		Add("stage 1", "B1", "backward", 3, 5).Add("stage 0", "B1", "backward", 5, 7).
		Add("stage 1", "flush", "", 7, 7) // an event
	if got := tl.Lanes(); strings.Join(got, ",") != "stage 0,stage 1" {
		t.Errorf("lanes %v, want stage 0, stage 1 in order of appearance", got)
	}
	b := tl.Render()
	svg := b[MIMESVG]
	if !strings.Contains(svg, "</svg>") {
		t.Fatalf("no SVG: %s", b[MIMEText])
	}
	for _, want := range []string{"F0", "B1", "stage 1", "forward", "backward", "flush"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// The text form lists each lane's spans in order, events with @.
	want := "timeline \"GPipe, 2 stages, 2 micro-batches\"\n" +
		"  stage 0: F0[0–1] F1[1–2] B1[5–7]\n" +
		"  stage 1: F0[1–2] F1[2–3] B1[3–5] flush@7"
	if got := b[MIMEText]; got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

func TestTimelineErrors(t *testing.T) {
	if b := NewTimeline("empty").Render(); !strings.Contains(b[MIMEText], "no spans") {
		t.Errorf("empty timeline rendered %q, want an error naming it", b[MIMEText])
	}
	nan := NewTimeline("bad").Add("a", "x", "", 0, 1)
	nan.Spans[0].End = 1 / zero()
	if b := nan.Render(); !strings.Contains(b[MIMEText], "non-finite") {
		t.Errorf("infinite span rendered %q, want an error", b[MIMEText])
	}
}

func zero() float64 { return 0 }
