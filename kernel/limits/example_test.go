package limits_test

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/lingo-nlp/lingo/kernel/limits"
)

// A kernel finds its worker's limits (here an explicit 2 GiB, and whatever
// the control group allows) and passes them to the worker's runtime. (Not
// run here: what it prints depends on the machine.)
func ExampleDetect() {
	cmd := exec.Command("worker")
	l := limits.Detect(limits.Limits{Memory: 2 << 30}) // explicit, or zero
	cmd.Env = append(os.Environ(), l.Env()...)
	fmt.Println(l)
}
