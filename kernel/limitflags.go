package kernel

import (
	"flag"

	"github.com/lingo-nlp/lingo/kernel/limits"
)

// limitFlags adds --memory and --cpus to fs and returns the limits they
// set; a flag not given sets none.
func limitFlags(fs *flag.FlagSet) *limits.Limits {
	l := &limits.Limits{}
	fs.Func("memory", "the most memory the worker may use, e.g. 2G or 512M (default: the control group's limit or $MEM_LIMIT, if any)", func(s string) error {
		n, err := limits.ParseSize(s)
		l.Memory = n
		return err
	})
	fs.Func("cpus", "the most CPU cores the worker may use, e.g. 1.5 or 500m (default: the control group's limit or $CPU_LIMIT, if any)", func(s string) error {
		n, err := limits.ParseCPUs(s)
		l.CPUs = n
		return err
	})
	return l
}
