package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/lingo-nlp/lingo/lessons/editions"
)

func main() {
	check := flag.Bool("check", false, "only report differences; exit status 1 if there are any")
	ci := flag.String("ci", "", "write each Chinese notebook's marked cells and the cells they need to this directory")
	dir := flag.String("notebooks", "notebooks", "the English notebooks' directory; the Chinese ones are in its zh/")
	flag.Parse()
	zhs, err := filepath.Glob(filepath.Join(*dir, "zh", "*.ipynb"))
	if err != nil || len(zhs) == 0 {
		fmt.Fprintf(os.Stderr, "zhsync: no notebooks in %s\n", filepath.Join(*dir, "zh"))
		os.Exit(2)
	}
	bad := 0
	for _, zhPath := range zhs {
		name := filepath.Base(zhPath)
		zh, err := editions.Read(zhPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if *ci != "" {
			out, err := editions.CINotebook(zh)
			if err == nil {
				err = out.WriteFile(filepath.Join(*ci, name))
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			fmt.Printf("%s: %d cells for CI\n", name, len(out.Cells))
			continue
		}
		en, err := editions.Read(filepath.Join(*dir, name))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if *check {
			for _, d := range editions.Check(en, zh) {
				fmt.Printf("%s: %s\n", name, d)
				bad++
			}
			continue
		}
		report := editions.Sync(en, zh)
		for _, r := range report {
			fmt.Printf("%s: %s\n", name, r)
		}
		if len(report) > 0 {
			if err := zh.WriteFile(zhPath); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
		}
	}
	if bad > 0 {
		os.Exit(1)
	}
}
