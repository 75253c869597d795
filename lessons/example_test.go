package lessons_test

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/lessons/vecex"
	"github.com/lingo-nlp/lingo/plots"
)

// The package's usage: a student's answer checked, and the course.
func Example() {
	cosine := func(u, v []float32) float64 {
		var dot, nu, nv float64
		for i := range u {
			dot += float64(u[i]) * float64(v[i])
			nu += float64(u[i]) * float64(u[i])
			nv += float64(v[i]) * float64(v[i])
		}
		return dot / math.Sqrt(nu*nv) // forgets the zero vector
	}
	fb := vecex.CheckCosine(cosine) // a *lessons.Feedback
	fmt.Println(fb.OK, fb.Message)
	plots.Display(lessons.Course(lessons.Index))
	fmt.Println(len(lessons.Index), "lessons, from", lessons.Index[0].Title, "to", lessons.Index[len(lessons.Index)-1].Title)
	err := lessons.SetLanguage("zh") // feedback in Chinese from now on
	if err != nil {
		fmt.Println(err)
		return
	}
	defer lessons.SetLanguage("en")
	fmt.Println(vecex.CheckCosine(cosine).Message)
	// Output:
	// false for the zero vector and (1, 1) you return NaN, expected 0 (a division by zero: a zero vector has cosine 0 with everything)
	// 10 lessons, from A tour of the kernel to RLHF and DPO
	// 对于零向量和 (1, 1)，你返回 NaN，应为 0（除以了零：零向量与任何向量的余弦都是 0）
}
