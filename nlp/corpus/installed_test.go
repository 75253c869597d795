package corpus

import (
	"testing"
	"time"
)

// TestInstalledCorpora streams every corpus installed in DataDir (CI runs
// install-data.sh first) and reports its size; corpora that are absent are
// skipped with the command that installs them. Under LINGO_SCALE=ci each
// stream stops after CILimit items.
func TestInstalledCorpora(t *testing.T) {
	for _, c := range List() {
		t.Run(c.Name, func(t *testing.T) {
			if !c.Installed() {
				_, err := c.Location()
				t.Skip(err)
			}
			start := time.Now()
			st, err := c.Count()
			if err != nil {
				t.Fatal(err)
			}
			if st.Items == 0 || st.Words == 0 {
				t.Fatalf("%s streamed nothing: %+v", c.Name, st)
			}
			t.Logf("%-16s %9d items %10d words  %v", c.Name, st.Items, st.Words, time.Since(start).Round(time.Millisecond))
		})
	}
}
