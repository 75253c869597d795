package lm

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

// lastText is a plots sink that keeps the text of the last display.
type lastText struct {
	mu   sync.Mutex
	text string
}

func (s *lastText) Display(b plots.Bundle, id string, update bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text = b[plots.MIMEText]
	return nil
}

func (s *lastText) Clear(bool) error { return nil }

// The live chart's caption, redrawn at every evaluation, reports the same
// best validation loss as the final summary (lesson 05 showed "best 1.562"
// under a chart whose run ended at best 1.540: it was redrawn before Best
// was updated).
func TestLiveChartBestMatchesSummary(t *testing.T) {
	sink := &lastText{}
	defer plots.SetSink(plots.SetSink(sink))
	text := strings.Repeat("the cat sat on the mat. ", 60)
	v := NewVocab(text, Chars, 1)
	ids := v.Encode(text)
	m, err := NewFixedWindow(v, WindowConfig{Context: 4, Dim: 8, Hidden: 16, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Train(context.Background(), ids[:1000], TrainConfig{Steps: 40, EvalEvery: 10, Val: ids[1000:], Live: true, LR: 1e-2})
	if err != nil {
		t.Fatal(err)
	}
	untimed := regexp.MustCompile(` in [0-9.]+[mµn]?s`)
	if got, want := untimed.ReplaceAllString(sink.text, ""), untimed.ReplaceAllString(h.String(), ""); got != want {
		t.Errorf("the live chart says\n  %s\nthe run ends with\n  %s", got, want)
	}
}
