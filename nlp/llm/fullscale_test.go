package llm

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/text"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// The full-scale runs of lessons 08 and 09, behind LINGO_LLM_FULL=1 (they
// take minutes each on 2 cores): every stage's acceptance figure is
// printed as a table with its wall and CPU time.
//
//	LINGO_LLM_FULL=1 go test -run TestFullScale -v -timeout 2h ./nlp/llm
func fullScale(t *testing.T) {
	if os.Getenv("LINGO_LLM_FULL") == "" {
		t.Skip("full-scale run: set LINGO_LLM_FULL=1")
	}
}

// stopwatch reports the wall and CPU time since it was started.
type stopwatch struct {
	wall time.Time
	cpu  time.Duration
}

func startWatch() stopwatch { return stopwatch{time.Now(), processCPU()} }

func (s stopwatch) String() string {
	return fmt.Sprintf("wall %.0f s, CPU %.0f s", time.Since(s.wall).Seconds(), (processCPU() - s.cpu).Seconds())
}

func TestFullScaleSFT(t *testing.T) {
	fullScale(t)
	ctx := context.Background()
	sw := startWatch()
	pre, err := Pretrain(ctx, PretrainConfig{Seed: 1}, training.Config{Steps: pretrainSteps})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("LINGO_LLM_CACHE"); dir != "" {
		saveModelAs(t, pre.Model, dir, "pre")
	}
	t.Logf("pretraining: %s; %s\n%s", pre, sw, pre.Observed)
	sw = startWatch()
	data, err := instruct.NewDataset(instruct.DatasetConfig{PerTask: perTask, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	train, test, _ := instruct.Split(data.Examples, 0.2, 1)
	before, err := EvaluateExactMatch(ctx, "pretrained", pre.Model, data, test, instruct.ZeroShot(false), train)
	if err != nil {
		t.Fatal(err)
	}
	sft, _ := pre.Model.Clone()
	h, err := training.Run(ctx, &SFTTask{Model: sft, Examples: train}, training.Config{Steps: sftSteps, LR: sftLR, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	after, err := EvaluateExactMatch(ctx, "SFT", sft, data, test, instruct.ZeroShot(false), train)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SFT: %s; %s\n%s\n%s", h, sw, ExactMatchTable{before, after}, after.SamplesTable())
	if dir := os.Getenv("LINGO_LLM_CACHE"); dir != "" {
		saveModelAs(t, sft, dir, "sft")
	}
	for _, f := range after.Families {
		if f.Rate() <= before.Rate(f.Family) {
			t.Errorf("%s: SFT %.0f%% does not beat the pretrained %.0f%%", f.Family, 100*f.Rate(), 100*before.Rate(f.Family))
		}
	}
}

// saveModelAs and loadModel keep the models between full-scale runs
// (LINGO_LLM_CACHE=dir), so that lesson 09's stages can be rerun alone.
func saveModelAs(t *testing.T, m *Model, dir, name string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := lm.SaveFile(m.LM, filepath.Join(dir, name+".model")); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, name+".bpe"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := m.BPE.WriteTo(f); err != nil {
		t.Fatal(err)
	}
}

func loadModel(dir string) (*Model, error) {
	mm, err := lm.LoadFile(filepath.Join(dir, "sft.model"))
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dir, "sft.bpe"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	bpe, err := text.ReadBPE(f)
	if err != nil {
		return nil, err
	}
	tr, ok := mm.(*lm.Transformer)
	if !ok {
		return nil, fmt.Errorf("not a Transformer: %T", mm)
	}
	return &Model{LM: tr, BPE: bpe}, nil
}

// TestFullScaleRLHF runs lesson 09 at full scale: preference pairs, the
// reward model's held-out accuracy, PPO's reward and KL on held-out
// prompts against the stated bound, and DPO's preferred-response rate.
//
// Measured on 2026-11-30 with the SFT model of TestFullScaleSFT cached
// (LINGO_LLM_CACHE), on a machine running lesson 09 beside it: 3977
// training pairs from 2505 fresh prompts (pairs 257 s); a RewardEnsemble of
// three, 10.6 min: members 75.2, 77.4 and 75.8% held-out, their mean 93.6%
// on the training pairs, 75.4% on validation and 79.0% on the 314
// held-out pairs (77.9% with the near-ties kept; arithmetic 72%, capitals
// 75%, reversal 87%, sentiment 62%, word relations 90%), so the test
// still fails on the 80%; PPO −1.69 → −1.56 at KL 1.27 ≤ 2 (46 s;
// before PPO's value head was trained alone); DPO 37.3% → 69.4% (95 s).
//
// Run without the cache (pretraining and SFT as in lesson 09: 335 s, the
// same 3776/443/317 pairs as the lesson, 173 s) and with the ensemble
// NewRewardEnsemble(4, 1, pre, sft) instead, two members starting from
// the pretrained model: 76.7% held-out (members 73.5, 70.7, 67.8,
// 78.2%; the lesson's three SFT-started members 74.8%), 502 s for the
// four; PPO −1.654 → −1.688 at KL 0.99, so PPO's check failed too; DPO
// 42.9% → 69.1%.
//
// Measured on 2026-12-07, reward models alone, on the pairs of the
// lesson's SFT model (before Split and Fresh left out the passages that
// name a held-out country or word): three members from the SFT model
// scored 72.2, 70.7 and 70.3% held-out (their mean 73.2%), one from the
// pretrained model 68.8%, one from a 4-layer model pretrained and tuned
// alike 70.7% (that model's own held-out exact match fell, 57.5% →
// 51.5%); two on fresh prompts that name no held-out group 70.0 and
// 68.5%; one on the SFT model tuned without such passages, on its own
// pairs, 69.7%. None moved a member beyond the spread between seeds.
//
// What moved them was the model they start from: with pretraining three
// times as long (pretrainSteps 1500 → 4500; 2026-12-07, same day), the
// SFT model's held-out exact match rose from 55% to 63% on the lesson's
// 200 prompts, it made 2720/321/228 pairs, and three reward models
// trained alone on them scored 80.7, 79.4 and 80.3% held-out (their mean
// 79.8%; trained on the pairs after a JSON round trip, which replaced
// the invalid UTF-8 of two sampled training responses); lesson 09's
// full-scale run of the same recipe 81.6% (members 80.3, 79.4, 81.6%).
// This test, run on a quiet machine without the cache, gave the lesson's
// numbers to the last digit: 2720/321/228 pairs, 81.6% held-out (79.4%
// with near-ties kept), PPO −1.330 → −1.296 at KL 0.357, DPO 41.7% →
// 78.1%; pretraining + SFT 555 s, pairs 138 s, reward models 320 s,
// PPO 34 s, DPO 47 s (1108 s in all).
func TestFullScaleRLHF(t *testing.T) {
	fullScale(t)
	ctx := context.Background()
	data, err := instruct.NewDataset(instruct.DatasetConfig{PerTask: perTask, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	train, test, _ := instruct.Split(data.Examples, 0.2, 1)
	prompts, testPrompts := instruct.FirstPerTask(train, 100), instruct.FirstPerTask(test, 40)
	sw := startWatch()
	var sft *Model
	if dir := os.Getenv("LINGO_LLM_CACHE"); dir != "" {
		sft, err = loadModel(dir)
		if err != nil {
			t.Logf("no cached SFT model (%v): training one", err)
		}
	}
	if sft == nil {
		pre, err := Pretrain(ctx, PretrainConfig{Seed: 1}, training.Config{Steps: pretrainSteps})
		if err != nil {
			t.Fatal(err)
		}
		sft = pre.Model
		if _, err := training.Run(ctx, &SFTTask{Model: sft, Examples: train}, training.Config{Steps: sftSteps, LR: sftLR, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		t.Logf("pretraining + SFT: %s", sw)
	}
	lex, _ := instruct.LoadAFINN()
	rater := NewRater(lex, data.Check)

	sw = startWatch()
	// the reward model's prompts are its own (Fresh: not SFT's, no held-out
	// country or word), a tenth of them held aside for early stopping
	rmTrain, rmVal, _ := instruct.Split(data.Fresh(rmPerTask, 2, test, train), 0.1, 2)
	pc := PreferenceConfig{Reference: true, Samples: rmSamples, PerPrompt: rmPerPrompt, MinMargin: rmMargin}
	pc.Seed = 1
	prefTrain, err := MakePreferences(ctx, sft, rater, rmTrain, pc)
	if err != nil {
		t.Fatal(err)
	}
	pc.Seed = 3
	prefVal, _ := MakePreferences(ctx, sft, rater, rmVal, pc)
	pc.Seed = 2
	prefTest, _ := MakePreferences(ctx, sft, rater, testPrompts, pc)
	t.Logf("pairs: %d training (%d prompts), %d validation (%d prompts), %d held-out (%d prompts); %s",
		len(prefTrain), len(rmTrain), len(prefVal), len(rmVal), len(prefTest), len(testPrompts), sw)
	sw = startWatch()
	rm, _ := NewRewardEnsemble(rmMembers, 1, sft)
	for _, r := range rm {
		r.MeanPool = true
	}
	rmLog, err := rm.Train(ctx, prefTrain, prefVal, training.Config{Steps: rmSteps, LR: rmLR, EvalEvery: rmSteps / 10, KeepBest: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	byTrain, _ := rm.AccuracyByTask(prefTrain)
	byTest, _ := rm.AccuracyByTask(prefTest)
	accTrain, accTest := TotalAccuracy(byTrain).Rate(), TotalAccuracy(byTest).Rate()
	accVal, _ := rm.Accuracy(prefVal)
	var members []string
	for i, r := range rm {
		v, _ := r.Accuracy(prefVal)
		h, _ := r.Accuracy(prefTest)
		members = append(members, fmt.Sprintf("member %d: validation %.1f%%, held-out %.1f%%", i+1, 100*v, 100*h))
	}
	t.Logf("reward ensemble: %s; %s\n%s\naccuracy: training %.1f%%, validation %.1f%%, held-out %.1f%% (need ≥ 80%%)\ntraining by task %v\nheld-out by task %v",
		rmLog, sw, strings.Join(members, "\n"), 100*accTrain, 100*accVal, 100*accTest, byTrain, byTest)
	all := pc // the held-out pairs with the near-ties kept
	all.MinMargin, all.Seed = 0, 2
	prefAll, _ := MakePreferences(ctx, sft, rater, testPrompts, all)
	accAll, _ := rm.Accuracy(prefAll)
	t.Logf("held-out accuracy with near-ties kept: %.1f%% of %d pairs", 100*accAll, len(prefAll))
	if accTest < 0.8 {
		t.Errorf("reward model held-out accuracy %.1f%% < 80%%", 100*accTest)
	}

	sw = startWatch()
	ppo, _ := NewPPO(sft, rm, 1)
	ppoLog, err := training.Run(ctx, &PPOTask{PPO: ppo, Prompts: prompts, Beta: 0.05, KLTarget: klTarget, Rater: rater},
		training.Config{Steps: 2 * ppoIters, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	evSFT, _ := EvaluatePolicy(ctx, "SFT", sft, sft, rm, rater, testPrompts, instruct.ZeroShot(false), 2, 7)
	evPPO, _ := EvaluatePolicy(ctx, "PPO", ppo.Policy, sft, rm, rater, testPrompts, instruct.ZeroShot(false), 2, 7)
	t.Logf("PPO: %s; %s\n%s", ppoLog, sw, PolicyTable{Evals: []*PolicyEval{evSFT, evPPO}, KLBound: klBound})
	if !(evPPO.Reward > evSFT.Reward) || evPPO.KL > klBound {
		t.Errorf("PPO: reward %.3f → %.3f, KL %.3f (bound %g)", evSFT.Reward, evPPO.Reward, evPPO.KL, klBound)
	}

	sw = startWatch()
	dpo, _ := sft.Clone()
	dpoLog, err := training.Run(ctx, &DPOTask{Policy: dpo, Ref: sft, Pairs: prefTrain, Beta: 0.1}, training.Config{Steps: dpoSteps, LR: dpoLR, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r0, _ := PreferredRate(sft, prefTest)
	r1, _ := PreferredRate(dpo, prefTest)
	evDPO, _ := EvaluatePolicy(ctx, "DPO", dpo, sft, rm, rater, testPrompts, instruct.ZeroShot(false), 2, 7)
	t.Logf("DPO: %s; %s\npreferred-response rate on held-out pairs: SFT %.1f%% → DPO %.1f%%\n%s", dpoLog, sw, 100*r0, 100*r1,
		PolicyTable{Evals: []*PolicyEval{evSFT, evPPO, evDPO}, KLBound: klBound})
	if !(r1 > r0) {
		t.Errorf("DPO preferred rate %.1f%% → %.1f%%", 100*r0, 100*r1)
	}
}

// The full-scale settings of lessons 08 and 09.
const (
	// pretraining reads 4500 steps × 8 × 128 = 4.6 M tokens, about 26
	// per parameter (Chinchilla's compute-optimal 20). 1500 steps (9 per
	// parameter) left the SFT model at 55% exact match on lesson 09's 200
	// held-out prompts and single reward models at 74.7–78.2%; 4500 gave
	// 63% and 79.4–80.7%, 7500 gave 58.5% and 77.5–81.8% (2026-12-07,
	// one pretraining run each). TestFullScaleSFT with 4500 steps gives
	// lesson 08's figures to the last digit: 50/37/98/71/49% on all 600
	// held-out examples, 61% (pretraining 318 s, SFT 242 s).
	pretrainSteps = 4500
	perTask       = 600
	sftSteps      = 2000
	sftLR         = 3e-3
	// the reward model: fresh prompts per family, samples per prompt,
	// pairs kept per prompt, Bradley–Terry steps
	rmPerTask   = 600
	rmSamples   = 6
	rmPerPrompt = 6
	rmMargin    = 1.0 // near-ties dropped: less than 1 point apart
	rmSteps     = 600
	rmLR        = 5e-4
	rmMembers   = 3 // reward models averaged (RewardEnsemble)
	dpoLR       = 5e-4
	ppoIters    = 40
	dpoSteps    = 300
	klTarget    = 1.0 // nats per response, PPO's adaptive β aims here
	klBound     = 2.0 // the stated bound: mean KL per held-out response
)

// TestFullScaleDataParallel times the same 30 training steps of lesson
// 08's model (2 layers, 64-d, block 64, batch 32) with 1 and 2 workers.
func TestFullScaleDataParallel(t *testing.T) {
	fullScale(t)
	ctx := context.Background()
	pre, err := Pretrain(ctx, PretrainConfig{Seed: 1}, training.Config{Steps: 40})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // twice: the machine is shared
		s, err := MeasureSpeedUp(ctx, pre.Model, pre.Stream, []int{1, 2}, training.Config{Steps: 30, Batch: 32, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("\n%s\nspeed-up with 2 workers: %.2f×", s, s.Ratio(1))
	}
}
