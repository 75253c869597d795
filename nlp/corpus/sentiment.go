package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// sentimentSources are the three UCI "Sentiment Labelled Sentences" sets
// (Kotzias et al., KDD 2015) that npm sentiment ships as test fixtures.
var sentimentSources = []string{"amazon", "imdb", "yelp"}

// readSentiment streams labelled sentences from amazon.json, imdb.json and
// yelp.json: JSON arrays of {"text": …, "class": 0 or 1}. Entries whose
// class is not 0 or 1 (each file ends with an empty one with class null)
// are skipped. Doc is the source name.
func readSentiment(dir string) seq {
	return func(yield func(Sentence, error) bool) {
		for _, src := range sentimentSources {
			if !sentimentFile(filepath.Join(dir, src+".json"), src, yield) {
				return
			}
		}
	}
}

func sentimentFile(name, src string, yield func(Sentence, error) bool) bool {
	f, err := os.Open(name)
	if err != nil {
		yield(Sentence{}, fmt.Errorf("corpus: sentiment: %w", err))
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		yield(Sentence{}, fmt.Errorf("corpus: sentiment: %s: not a JSON array", name))
		return false
	}
	for dec.More() {
		var e struct {
			Text  string `json:"text"`
			Class *int   `json:"class"`
		}
		if err := dec.Decode(&e); err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: sentiment: %s: %w", name, err))
			return false
		}
		t := strings.TrimSpace(e.Text)
		if e.Class == nil || (*e.Class != 0 && *e.Class != 1) || t == "" {
			continue
		}
		if !yield(Sentence{Text: t, Label: *e.Class, Doc: src}, nil) {
			return false
		}
	}
	return true
}

// readAFINN streams the AFINN-165 lexicon (Nielsen 2011) from the JSON
// object {"word": score, …} that npm sentiment ships as
// languages/en/labels.json; scores are integers from −5 to 5.
func readAFINN(name string) seq {
	return func(yield func(Sentence, error) bool) {
		f, err := os.Open(name)
		if err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: afinn: %w", err))
			return
		}
		defer f.Close()
		dec := json.NewDecoder(f)
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			yield(Sentence{}, fmt.Errorf("corpus: afinn: %s: not a JSON object", name))
			return
		}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				yield(Sentence{}, fmt.Errorf("corpus: afinn: %s: %w", name, err))
				return
			}
			var score int
			if err := dec.Decode(&score); err != nil || score < -5 || score > 5 {
				yield(Sentence{}, fmt.Errorf("corpus: afinn: %s: bad score for %v", name, k))
				return
			}
			if !yield(Sentence{Text: k.(string), Label: score}, nil) {
				return
			}
		}
	}
}
