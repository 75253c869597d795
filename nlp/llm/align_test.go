package llm

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/nn"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// prefFixture is a one-pair preference set on a tiny pretrained model.
func prefFixture(t *testing.T) (*Model, []Preference) {
	m, _ := tinyModel(t)
	ex := instruct.Example{Task: "arithmetic", Instruction: "Compute the result.", Input: "1 + 1", Answer: "2"}
	p := instruct.ZeroShot(false).Format(ex, nil)
	return m, []Preference{{Example: ex, Prompt: p.Prompt, Chosen: " 2\n", Rejected: " 7\n", ScoreChosen: 3}}
}

// The reward model learns one pair; its batched forward equals Score.
func TestRewardModelFitsAPair(t *testing.T) {
	m, pairs := prefFixture(t)
	rm, err := NewRewardModel(m, 1)
	if err != nil {
		t.Fatal(err)
	}
	log, err := training.Run(context.Background(), &RewardTask{Model: rm, Pairs: pairs}, training.Config{Steps: 40, Batch: 2, LR: 5e-3})
	if err != nil {
		t.Fatal(err)
	}
	if !(log.Last("loss") < math.Log(2)/2) {
		t.Errorf("Bradley–Terry loss %.3f after 40 steps on one pair, want < log(2)/2", log.Last("loss"))
	}
	if acc, _ := rm.Accuracy(pairs); acc != 1 {
		t.Errorf("accuracy %v on the training pair, want 1", acc)
	}
	if _, err := training.Run(context.Background(), &RewardTask{Model: rm}, training.Config{}); err == nil {
		t.Error("Train accepted no pairs")
	}
}

// DPO starts at loss log 2 (policy = reference) and raises the chosen
// response's probability relative to the rejected one's.
func TestDPOPrefersChosen(t *testing.T) {
	ref, pairs := prefFixture(t)
	pol, _ := ref.Clone()
	log, err := training.Run(context.Background(), &DPOTask{Policy: pol, Ref: ref, Pairs: pairs, Beta: 0.5}, training.Config{Steps: 30, Batch: 1, LR: 5e-3})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(log.First("loss")-math.Log(2)) > 1e-4 {
		t.Errorf("first DPO loss %.5f, want log 2 = 0.69315 (policy equals reference)", log.First("loss"))
	}
	if !(log.Last("loss") < log.First("loss")) {
		t.Errorf("DPO loss did not fall: %.3f → %.3f", log.First("loss"), log.Last("loss"))
	}
	if r, _ := PreferredRate(pol, pairs); r != 1 {
		t.Errorf("preferred rate %v after DPO on one pair, want 1", r)
	}
}

// ppoFixture is PPO on the one-pair fixture's model, with an untrained
// reward model.
func ppoFixture(t *testing.T) (*PPO, []Preference) {
	t.Helper()
	m, pairs := prefFixture(t)
	rm, _ := NewRewardModel(m, 1)
	ppo, err := NewPPO(m, rm, 2)
	if err != nil {
		t.Fatal(err)
	}
	return ppo, pairs
}

// PPO runs, logs every metric, and its KL starts at 0 because the policy
// equals the reference on the first round's samples.
func TestPPORuns(t *testing.T) {
	ppo, pairs := ppoFixture(t)
	log, err := training.Run(context.Background(), &PPOTask{PPO: ppo, Prompts: []instruct.Example{pairs[0].Example}}, training.Config{Steps: 6, Batch: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"reward", "KL", "entropy", "clip fraction", "value loss"} {
		if got := log.StepsOf(n); !slices.Equal(got, []int{2, 4, 6}) {
			t.Errorf("%s logged at steps %v, want 2, 4, 6 (the last update of each round)", n, got)
		}
	}
	if math.Abs(log.First("KL")) > 1e-4 {
		t.Errorf("first KL %v, want 0 (policy = reference)", log.First("KL"))
	}
}

// The SFT model evaluated against itself has KL exactly 0; the adaptive
// controller raises β after a round whose KL is above the target.
func TestEvaluatePolicyAndAdaptiveBeta(t *testing.T) {
	m, pairs := prefFixture(t)
	rm, _ := NewRewardModel(m, 1)
	ev, err := EvaluatePolicy(context.Background(), "SFT", m, m, rm, nil, []instruct.Example{pairs[0].Example}, instruct.ZeroShot(false), 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Samples != 3 || math.Abs(ev.KL) > 1e-9 {
		t.Errorf("%d samples, KL %v; want 3 samples and KL 0 (policy = reference)", ev.Samples, ev.KL)
	}
	if s := (PolicyTable{Evals: []*PolicyEval{ev}, KLBound: 1}).String(); !strings.Contains(s, "KL ≤ 1") {
		t.Errorf("the table does not state the bound:\n%s", s)
	}
	ppo, _ := NewPPO(m, rm, 2)
	log, err := training.Run(context.Background(), &PPOTask{PPO: ppo, Prompts: []instruct.Example{pairs[0].Example}, KLTarget: 1e-9},
		training.Config{Steps: 6, Batch: 2, LR: 1e-2})
	if err != nil {
		t.Fatal(err)
	}
	b := log.Values("beta")
	// round 1 has KL 0 (β falls by 20%); any later KL > 1e-9 raises it by 20%
	if math.Abs(b[1]-0.8*b[0]) > 1e-12 {
		t.Errorf("β %v: after a round with KL 0 below the target it should fall to 0.8β", b)
	}
}

// HeadOnly trains the scalar head alone: the body's weights do not move.
func TestRewardModelHeadOnly(t *testing.T) {
	m, pairs := prefFixture(t)
	rm, _ := NewRewardModel(m, 1)
	before := append([]float32(nil), rm.Body.Params()[0].T.Data...)
	rm.HeadOnly = true
	if _, err := training.Run(context.Background(), &RewardTask{Model: rm, Pairs: pairs}, training.Config{Steps: 5, Batch: 2, LR: 1e-2}); err != nil {
		t.Fatal(err)
	}
	for i, v := range rm.Body.Params()[0].T.Data {
		if v != before[i] {
			t.Fatalf("body weight %d moved from %v to %v with HeadOnly", i, before[i], v)
		}
	}
}

// With mean pooling the reward model also learns a pair; with
// validation pairs it logs their accuracy every EvalEvery steps and keeps
// the best weights; AccuracyByTask counts per family.
func TestRewardModelMeanPoolValidation(t *testing.T) {
	m, pairs := prefFixture(t)
	rm, _ := NewRewardModel(m, 1)
	rm.MeanPool = true
	log, err := training.Run(context.Background(), &RewardTask{Model: rm, Pairs: pairs, Val: pairs},
		training.Config{Steps: 40, Batch: 2, LR: 5e-3, EvalEvery: 10, KeepBest: true})
	if err != nil {
		t.Fatal(err)
	}
	// evaluations after steps 10, 20, 30 and 40
	if got := log.StepsOf("val accuracy"); !slices.Equal(got, []int{10, 20, 30, 40}) || log.Select != "val accuracy" {
		t.Errorf("validation evaluations at %v (ranked by %q), want 10, 20, 30, 40", got, log.Select)
	}
	// The chart's x axis is the step of each evaluation, not its index
	// (lesson 09's axis said "step" and showed 0–9), in percent.
	if acc := log.Chart("val accuracy").Charts[0]; fmt.Sprint(acc.Series[0].X) != "[10 20 30 40]" || !acc.Percent {
		t.Errorf("val accuracy charted at x = %v (percent %v), want the steps [10 20 30 40] in percent", acc.Series[0].X, acc.Percent)
	}
	if !strings.HasPrefix(log.String(), "reward model (Bradley–Terry): 40 steps") {
		t.Errorf("log %q does not count 40 steps", log)
	}
	by, err := rm.AccuracyByTask(append(pairs, pairs[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(by) != 1 || by[0].Task != "arithmetic" || by[0].N != 2 || by[0].Right != 2 || by[0].Rate() != 1 {
		t.Errorf("AccuracyByTask = %+v, want arithmetic 2 of 2", by)
	}
}

// The members of a reward ensemble start from the given models in turn.
func TestRewardEnsembleStarts(t *testing.T) {
	a, _ := prefFixture(t)
	b, err := a.Clone()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range b.Params() {
		for i := range p.T.Data {
			p.T.Data[i] += 0.5
		}
	}
	e, err := NewRewardEnsemble(3, 1, a, b)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []*Model{a, b, a} {
		got, w := e[i].Body.Params(), want.Params()
		for j := range w {
			if !slices.Equal(got[j].T.Data, w[j].T.Data) {
				t.Fatalf("member %d: parameter %s does not start from model %d", i, w[j].Name, i%2)
			}
		}
	}
}

// A reward ensemble's score is the mean of its members' scores; its
// members are trained from their own seeds (so they differ), every
// member's metrics are in the log, and it learns the pair.
func TestRewardEnsemble(t *testing.T) {
	m, pairs := prefFixture(t)
	if _, err := NewRewardEnsemble(0, 1, m); err == nil {
		t.Error("NewRewardEnsemble accepted 0 members")
	}
	if _, err := NewRewardEnsemble(2, 1); err == nil {
		t.Error("NewRewardEnsemble accepted no model to start from")
	}
	if _, err := NewRewardEnsemble(2, 1, m, nil); err == nil {
		t.Error("NewRewardEnsemble accepted a nil starting model")
	}
	if _, err := (RewardEnsemble{}).Score("a", "b"); err == nil {
		t.Error("an empty ensemble scored a response")
	}
	e, err := NewRewardEnsemble(3, 1, m)
	if err != nil {
		t.Fatal(err)
	}
	log, err := e.Train(context.Background(), pairs, pairs, training.Config{Steps: 40, Batch: 2, LR: 5e-3, EvalEvery: 20, KeepBest: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		name := fmt.Sprintf("val accuracy, member %d", i)
		if got := log.StepsOf(name); !slices.Equal(got, []int{20, 40}) {
			t.Errorf("%q logged at %v, want 20 and 40", name, got)
		}
	}
	var sum float64
	var scores []float64
	for _, r := range e {
		s, err := r.Score(pairs[0].Prompt, pairs[0].Chosen)
		if err != nil {
			t.Fatal(err)
		}
		sum += s
		scores = append(scores, s)
	}
	if scores[0] == scores[1] || scores[1] == scores[2] {
		t.Errorf("members scored %v: they were not trained from different seeds", scores)
	}
	got, err := e.Score(pairs[0].Prompt, pairs[0].Chosen)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-sum/3) > 1e-12 {
		t.Errorf("ensemble score %v, want the members' mean %v", got, sum/3)
	}
	if acc, _ := e.Accuracy(pairs); acc != 1 {
		t.Errorf("ensemble accuracy %v on the training pair, want 1", acc)
	}
}

// TotalAccuracy adds the families' pairs and right answers.
func TestTotalAccuracy(t *testing.T) {
	got := TotalAccuracy([]TaskAccuracy{{Task: "a", N: 4, Right: 3}, {Task: "b", N: 6, Right: 1}})
	if got.N != 10 || got.Right != 4 || got.Rate() != 0.4 {
		t.Errorf("TotalAccuracy = %+v, want 4 of 10", got)
	}
}

// PPO's value loss trains the value head and leaves the policy's weights
// alone: their gradients from it are exactly zero.
func TestPPOValueLossSparesPolicy(t *testing.T) {
	ppo, pairs := ppoFixture(t)
	prompt, resp := ppo.Policy.Encode(pairs[0].Prompt), ppo.Policy.Encode(pairs[0].Chosen)
	pk, err := ppo.Policy.pack([][]int{prompt}, [][]int{resp})
	if err != nil {
		t.Fatal(err)
	}
	ret := make([]float64, len(pk.rows))
	for i := range ret {
		ret[i] = 5 // far from the untrained head's values
	}
	h := ppo.Policy.Hidden(pk.x, pk.B, pk.T)
	vl := ppo.valueLoss(h, pk, ret)
	vl.Backward()
	for _, p := range ppo.Policy.Params() {
		for _, g := range p.T.Grad {
			if g != 0 {
				t.Fatalf("the value loss sent gradient %v to the policy's %s", g, p.Name)
			}
		}
	}
	var head float64
	for _, p := range nn.Collect("value", ppo.Value) {
		for _, g := range p.T.Grad {
			head += math.Abs(float64(g))
		}
	}
	if head == 0 {
		t.Error("the value head got no gradient from the value loss")
	}
}

// DPO and PPO train without weight decay: a weight that gets no gradient
// (the embedding of a byte that never occurs, id 200) must not move. With
// AdamW and WeightDecay −1 every weight grew by a factor 1+η per step.
func TestAlignmentHasNoWeightDecay(t *testing.T) {
	const unused = 200 // a byte ≥ 0x80: never in the ASCII prompts and answers
	row := func(m *Model) []float32 {
		C := m.LM.Cfg.Dim
		return append([]float32(nil), m.LM.WTE.W.Data[unused*C:(unused+1)*C]...)
	}
	ref, pairs := prefFixture(t)
	pol, _ := ref.Clone()
	before := row(pol)
	if _, err := training.Run(context.Background(), &DPOTask{Policy: pol, Ref: ref, Pairs: pairs}, training.Config{Steps: 10, Batch: 1, LR: 5e-2}); err != nil {
		t.Fatal(err)
	}
	if after := row(pol); !slices.Equal(after, before) {
		t.Errorf("DPO moved an unused embedding: %v → %v", before[:2], after[:2])
	}
	ppo, _ := ppoFixture(t)
	before = row(ppo.Policy)
	if _, err := training.Run(context.Background(), &PPOTask{PPO: ppo, Prompts: []instruct.Example{pairs[0].Example}}, training.Config{Steps: 6, Batch: 2, LR: 5e-2}); err != nil {
		t.Fatal(err)
	}
	if after := row(ppo.Policy); !slices.Equal(after, before) {
		t.Errorf("PPO moved an unused embedding: %v → %v", before[:2], after[:2])
	}
}
