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
// Feedback speaks the notebook's language: SetLanguage("zh") in the first
// cell of a Chinese notebook makes every checker's messages and hints, and
// the titles and labels of charts and tables (through plots.SetTranslator),
// Chinese. Checkers keep writing English with fmt.Sprintf; Translate matches
// what they wrote against the catalogue in zh.go, whose keys are the English
// formats, and TestEveryMessageHasChinese fails when a checker's string has
// no translation there.
//
// Usage: a checker returns a *Feedback, shown as a green or red box in a
// notebook and as text elsewhere; Index lists the course; SetLanguage
// switches the feedback to Chinese.
//
//	fb := vecex.CheckCosine(cosine) // a *lessons.Feedback
//	fmt.Println(fb.OK, fb.Message)
//	plots.Display(lessons.Course(lessons.Index))
//	err := lessons.SetLanguage("zh") // feedback in Chinese from now on
package lessons
