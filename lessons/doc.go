// Package lessons is the pedagogy layer of Lingo's course: the lesson index
// (order, notebook, expected running time) and the Feedback that exercise
// checkers give students.
//
// Each lesson's checkers live in their own package beside this one, named
// after the lesson's topic with "ex" (lessons/wordnetex, lessons/ngramex…),
// so a notebook cell imports only what its lesson needs. A checker compares
// the student's answer with the library's and returns a *Feedback, which
// renders as a green or red box in the notebook and as text elsewhere.
//
// Usage:
//
//	fb := wordnetex.CheckPandaChain(myChain) // a *lessons.Feedback
//	fb                                       // shown in the notebook
//	lessons.Index                            // the course, in order
package lessons
