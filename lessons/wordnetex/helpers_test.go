package wordnetex

import (
	"os"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// openWordNet opens Debian's WordNet 3.0 or skips the test.
func openWordNet(t *testing.T) *wordnet.WordNet {
	t.Helper()
	if _, err := os.Stat("/usr/share/wordnet/index.noun"); err != nil {
		t.Skip("wordnetex: /usr/share/wordnet missing (apt-get install wordnet-base); skipping")
	}
	wn, err := wordnet.Open("/usr/share/wordnet")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wn.Close() })
	return wn
}
