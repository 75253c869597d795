//go:build !unix

package plots

import (
	"errors"
	"os"
	"time"
)

// openFIFO is not available: GoNB uses named pipes, which exist on Unix only.
func openFIFO(path string, write bool, timeout time.Duration) (*os.File, error) {
	return nil, errors.New("plots: GoNB named pipes need a Unix system")
}
