// Package cell is the cell compiler: it turns the source of a notebook cell
// into Go packages that can be built and loaded into a running worker,
// keeping the values of earlier cells.
//
// A cell mixes declarations and statements, as a notebook does; no func
// main is needed. Compile splits it into top-level pieces, type-checks them
// in a virtual package that also holds every earlier cell's declarations
// (State), adds the standard and Lingo packages a cell uses without
// importing, and generates two files:
//
//   - a declarations package (lingo.session/c0007) with the cell's types,
//     functions, constants and variables, including variables hoisted from
//     top-level x := … so later cells can use them;
//   - a plugin whose Run(ctx) holds the cell's statements in order, with a
//     cooperative interrupt check at the top of every loop body and the
//     value of a last expression passed to the runtime for display.
//
// Later cells import earlier declarations packages, so a variable lives in
// one package and every plugin sees the same copy. Unexported session names
// are renamed with Mark so other packages can reach them; CleanNames
// removes the renaming from text shown to the user. Compile errors name the
// cell's own line and column and show the offending line.
//
// The package is pure: it runs no processes and touches no files; the
// caller supplies a types.Importer for non-session packages.
//
// Usage:
//
//	st := cell.NewState()
//	c, err := cell.Compile(st, "x := 41\nx + 1", "cell1", importer)
//	// build c.DeclSrc and c.MainSrc, run the plugin, then:
//	st.Commit(c)
package cell
