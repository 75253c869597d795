// Package main is the zhsync command, a course-maintenance tool that is
// not part of the library.
//
// Command zhsync keeps the Chinese edition of the course (notebooks/zh)
// running the English edition's code. Run from the repository root:
//
//	go run ./lessons/zhsync            # copy the English code cells into notebooks/zh, report
//	go run ./lessons/zhsync -check     # only report differences; exit 1 if any
//	go run ./lessons/zhsync -ci DIR    # write the cells CI runs of each Chinese notebook to DIR
//
// Copied or inserted cells lose their outputs: re-run the notebook
// (lingo run notebooks/zh/NN-….ipynb --inplace). See package
// lessons/editions for the rules.
package main
