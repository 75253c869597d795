package kernel

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/notebook"
	"github.com/lingo-nlp/lingo/kernel/trust"
)

const runUsage = "usage: lingo run NOTEBOOK.ipynb [-o OUT.ipynb | --inplace] [--html OUT.html] [--timeout SECONDS]"

func runCmd(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	out := fs.String("o", "", "write the executed notebook to this file")
	inplace := fs.Bool("inplace", false, "write the executed notebook over NOTEBOOK.ipynb")
	htmlOut := fs.String("html", "", "write the executed notebook as HTML to this file")
	timeout := fs.Int("timeout", 900, "seconds a cell may run")
	// Allow flags after the notebook name.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	if len(pos) != 1 || (*inplace && *out != "") || *timeout <= 0 {
		fmt.Fprintln(os.Stderr, runUsage)
		return 2
	}
	if *inplace {
		*out = pos[0]
	}
	// Ctrl-C, SIGTERM and SIGHUP stop the kernel and its worker and remove
	// the connection file before lingo run exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	err := RunNotebook(ctx, pos[0], RunOptions{Out: *out, HTML: *htmlOut, Timeout: time.Duration(*timeout) * time.Second, Progress: os.Stderr})
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(os.Stderr, "lingo run: stopped by a signal; the kernel was shut down and nothing was written")
		return 130
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// RunOptions say what RunNotebook writes. The zero value executes the
// notebook and writes nothing.
type RunOptions struct {
	// Out is where the executed notebook is written ("" writes none); it
	// may be the notebook's own path (lingo run --inplace).
	Out string
	// HTML is where the executed notebook is written as one HTML page.
	HTML string
	// Timeout is how long one cell may run; zero means 15 minutes.
	Timeout time.Duration
	// Progress receives a line per cell; nil for none.
	Progress io.Writer
}

// RunNotebook executes every code cell of the Go notebook at path in a
// fresh kernel whose working directory is the notebook's, and fails naming
// the first failing cell. The files of o are written with the outputs so
// far even when a cell fails; nothing is written when ctx is cancelled. A
// notebook whose metadata names another language is refused. The written
// notebook is signed into the user's Jupyter trust database (see package
// trust), so Jupyter shows its charts and tables.
func RunNotebook(ctx context.Context, path string, o RunOptions) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("lingo run: %w", err)
	}
	nb, err := notebook.Read(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("lingo run: %s: %w", path, err)
	}
	if lang := nb.Language(); lang != "" && lang != "go" {
		return fmt.Errorf("lingo run: %s is a %s notebook (its metadata says so); lingo runs Go notebooks only — use that language's kernel, e.g. jupyter nbconvert --to notebook --execute", path, lang)
	}
	if o.Timeout <= 0 {
		o.Timeout = 15 * time.Minute
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("lingo run: %w", err)
	}
	c, err := jupyter.StartKernel(ctx, dir)
	if err != nil {
		return err
	}
	defer c.Close()
	nb.Metadata["kernelspec"] = map[string]any{"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}
	nb.Metadata["language_info"] = map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go", "codemirror_mode": "go"}
	var runErr error
	n := 0
	for i, cell := range nb.Cells {
		if cell.CellType != "code" {
			continue
		}
		n++
		start := time.Now()
		outputs, count, _, err := c.Execute(ctx, string(cell.Source), o.Timeout)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		cell.Outputs = outputs
		cnt := count
		cell.ExecutionCount = &cnt
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "cell %d (notebook cell %d): %.2fs\n", n, i+1, time.Since(start).Seconds())
		}
		if err != nil {
			first := strings.SplitN(string(cell.Source), "\n", 2)[0]
			runErr = fmt.Errorf("lingo run: %s: code cell %d (notebook cell %d, %q) failed: %v", path, n, i+1, first, err)
			break
		}
	}
	// The widgets' last state, so that pages made from the notebook show
	// them (lingo run --html, nbconvert, GitHub).
	if ws := c.WidgetState(); ws != nil {
		nb.Metadata["widgets"] = map[string]any{"application/vnd.jupyter.widget-state+json": ws}
	} else {
		delete(nb.Metadata, "widgets")
	}
	if o.Out != "" {
		if err := writeFile(o.Out, nb.Write); err != nil {
			runErr = errors.Join(runErr, err)
		} else if err := trust.Sign(o.Out); err != nil && o.Progress != nil {
			// The outputs are the kernel's own: trust them, as Jupyter trusts
			// a notebook it ran and saved itself.
			fmt.Fprintf(o.Progress, "lingo run: %s is not signed for Jupyter, so it shows its charts as text until trusted: %v\n", o.Out, err)
		}
	}
	if o.HTML != "" {
		err := writeFile(o.HTML, func(w io.Writer) error { return notebook.WriteHTML(w, nb, filepath.Base(path)) })
		if err != nil {
			runErr = errors.Join(runErr, err)
		}
	}
	return runErr
}
