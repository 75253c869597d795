package llm

import (
	"errors"
	"math"
	"slices"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*(1+math.Abs(b)) }

func TestBradleyTerry(t *testing.T) {
	// −log σ(d) = log(1 + e^{−d}): d = 0 → log 2 = 0.693147;
	// d = 2 → log(1 + e^{−2}) = 0.126928; d = −2 → 2.126928 (Python math.log1p);
	// d = ±800 must neither overflow nor lose the sign.
	for _, tc := range []struct{ pos, neg, want float64 }{
		{1, 1, math.Ln2}, {3, 1, 0.1269280110429725}, {1, 3, 2.1269280110429727},
		{800, 0, 0}, {0, 800, 800},
	} {
		loss, dp, dn := BradleyTerry(tc.pos, tc.neg)
		if !near(loss, tc.want, 1e-12) {
			t.Errorf("BradleyTerry(%g, %g) = %.15g, want %.15g", tc.pos, tc.neg, loss, tc.want)
		}
		// Central finite differences, h = 1e-6.
		const h = 1e-6
		f := func(p, n float64) float64 { l, _, _ := BradleyTerry(p, n); return l }
		fdp := (f(tc.pos+h, tc.neg) - f(tc.pos-h, tc.neg)) / (2 * h)
		fdn := (f(tc.pos, tc.neg+h) - f(tc.pos, tc.neg-h)) / (2 * h)
		if math.Abs(dp-fdp) > 1e-6 || math.Abs(dn-fdn) > 1e-6 {
			t.Errorf("(%g, %g): gradient (%g, %g), finite differences (%g, %g)", tc.pos, tc.neg, dp, dn, fdp, fdn)
		}
	}
	loss, dPos, _, acc := BradleyTerryBatch([]float64{3, 1}, []float64{1, 3})
	if !near(loss, (0.1269280110429725+2.1269280110429727)/2, 1e-12) || acc != 0.5 || !near(dPos[0], (Sigmoid(2)-1)/2, 1e-12) {
		t.Errorf("batch: loss %g acc %g dPos %v", loss, acc, dPos)
	}
}

func TestBradleyTerryLossAutograd(t *testing.T) {
	pos := ag.FromSlice([]float64{0.5, -1, 2, 30}, 4)
	neg := ag.FromSlice([]float64{0.1, 1, -2, -30}, 4)
	pos.RequiresGrad, neg.RequiresGrad = true, true
	l := BradleyTerryLoss(pos, neg)
	want, wp, wn, _ := BradleyTerryBatch(pos.Data, neg.Data)
	if !near(l.Data[0], want, 1e-12) {
		t.Errorf("autograd loss %g, float64 %g", l.Data[0], want)
	}
	l.Backward()
	for i := range wp {
		if !near(pos.Grad[i], wp[i], 1e-12) || !near(neg.Grad[i], wn[i], 1e-12) {
			t.Errorf("pair %d: autograd grads (%g, %g), float64 (%g, %g)", i, pos.Grad[i], neg.Grad[i], wp[i], wn[i])
		}
	}
	pos.Grad, neg.Grad = nil, nil
	if rel, err := ag.GradCheck(func() *ag.Tensor[float64] { return BradleyTerryLoss(pos, neg) }, []*ag.Tensor[float64]{pos, neg}, nil); err != nil {
		t.Errorf("GradCheck: %v (max rel err %g)", err, rel)
	}
}

// TestGAEThreeSteps checks GAE against the hand computation below.
//
// r = (0, 0, 1), V = (0.5, 0.6, 0.7), episode ends (V_3 = 0), γ = 0.9, λ = 0.8, γλ = 0.72:
//
//	δ_2 = 1 + 0.9·0   − 0.7 = 0.3
//	δ_1 = 0 + 0.9·0.7 − 0.6 = 0.03
//	δ_0 = 0 + 0.9·0.6 − 0.5 = 0.04
//	A_2 = 0.3
//	A_1 = 0.03 + 0.72·0.3   = 0.246
//	A_0 = 0.04 + 0.72·0.246 = 0.21712
//	R   = A + V = (0.71712, 0.846, 1.0)
func TestGAEThreeSteps(t *testing.T) {
	adv, ret := GAE([]float64{0, 0, 1}, []float64{0.5, 0.6, 0.7}, 0, 0.9, 0.8)
	wantA, wantR := []float64{0.21712, 0.246, 0.3}, []float64{0.71712, 0.846, 1.0}
	for i := range 3 {
		if !near(adv[i], wantA[i], 1e-12) || !near(ret[i], wantR[i], 1e-12) {
			t.Errorf("step %d: A = %.12g R = %.12g, want %g, %g", i, adv[i], ret[i], wantA[i], wantR[i])
		}
	}
	// λ = 1, γ = 1: A_t = (Σ_{k≥t} r_k) − V_t = 1 − V_t.
	adv, _ = GAE([]float64{0, 0, 1}, []float64{0.5, 0.6, 0.7}, 0, 1, 1)
	if !near(adv[0], 0.5, 1e-12) || !near(adv[1], 0.4, 1e-12) || !near(adv[2], 0.3, 1e-12) {
		t.Errorf("λ = 1: %v, want (0.5, 0.4, 0.3)", adv)
	}
	// A bootstrap value is discounted into the last δ: δ_2 = 1 + 0.9·2 − 0.7 = 2.1.
	adv, _ = GAE([]float64{0, 0, 1}, []float64{0.5, 0.6, 0.7}, 2, 0.9, 0.8)
	if !near(adv[2], 2.1, 1e-12) {
		t.Errorf("bootstrapped A_2 = %g, want 2.1", adv[2])
	}
	w := Whiten([]float64{1, 2, 3})
	if !near(w[0], -math.Sqrt(1.5), 1e-9) || w[1] != 0 {
		t.Errorf("Whiten = %v", w)
	}
}

// TestPPOClipThreeSteps checks the clipped objective against this hand
// computation, ε = 0.2, old log-probs 0, ratios ρ = (1.5, 0.5, 1.1) and
// advantages A = (2, 1, −1):
//
//	t=0: ρA = 3.0,  clip(1.5)·2 = 1.2·2 = 2.4  → min 2.4, clipped (no gradient)
//	t=1: ρA = 0.5,  clip(0.5)·1 = 0.8·1 = 0.8  → min 0.5, unclipped (pessimistic bound)
//	t=2: ρA = −1.1, clip(1.1)·(−1) = −1.1      → min −1.1, inside the trust region
//	L^CLIP = (2.4 + 0.5 − 1.1)/3 = 0.6;  Loss = −0.6
//	∂Loss/∂logp = −(0, 0.5, −1.1)/3 = (0, −0.1667, 0.3667)   (∂ρ/∂logp = ρ)
//	clip fraction 1/3; approx KL = mean(ρ−1−log ρ)
//	  = (0.5 − 0.405465 + (−0.5 + 0.693147) + 0.1 − 0.095310)/3 = 0.097457
func TestPPOClipThreeSteps(t *testing.T) {
	logp := []float64{math.Log(1.5), math.Log(0.5), math.Log(1.1)}
	old := []float64{0, 0, 0}
	adv := []float64{2, 1, -1}
	st := PPOClip(logp, old, adv, 0.2)
	if !near(st.Objective, 0.6, 1e-12) || !near(st.Loss, -0.6, 1e-12) {
		t.Errorf("objective %g loss %g, want 0.6, −0.6", st.Objective, st.Loss)
	}
	for i, want := range []float64{0, -0.5 / 3, 1.1 / 3} {
		if !near(st.Grad[i], want, 1e-12) {
			t.Errorf("grad[%d] = %g, want %g", i, st.Grad[i], want)
		}
	}
	if !near(st.ClipFrac, 1.0/3, 1e-12) {
		t.Errorf("clip fraction %g, want 1/3", st.ClipFrac)
	}
	if !near(st.ApproxKL, (0.5-math.Log(1.5)+(-0.5-math.Log(0.5))+(0.1-math.Log(1.1)))/3, 1e-12) || !near(st.ApproxKL, 0.097457, 1e-5) {
		t.Errorf("approx KL %g", st.ApproxKL)
	}
	// Finite differences of the objective at the unclipped tokens.
	const h = 1e-6
	for i := 1; i < 3; i++ {
		up, dn := slices.Clone(logp), slices.Clone(logp)
		up[i] += h
		dn[i] -= h
		fd := (PPOClip(up, old, adv, 0.2).Loss - PPOClip(dn, old, adv, 0.2).Loss) / (2 * h)
		if !near(fd, st.Grad[i], 1e-6) {
			t.Errorf("token %d: finite difference %g, gradient %g", i, fd, st.Grad[i])
		}
	}
	// The autograd op has the same value and gradient.
	x := ag.FromSlice(slices.Clone(logp), 3)
	x.RequiresGrad = true
	l := PPOLoss(x, old, adv, 0.2)
	l.Backward()
	if !near(l.Data[0], -0.6, 1e-12) {
		t.Errorf("PPOLoss = %g, want −0.6", l.Data[0])
	}
	for i := range 3 {
		if !near(x.Grad[i], st.Grad[i], 1e-12) {
			t.Errorf("PPOLoss grad[%d] = %g, want %g", i, x.Grad[i], st.Grad[i])
		}
	}
	// ½·mean((V−R)²) with V = (1, 2), R = (0, 0): (1 + 4)/4 = 1.25, grad (0.5, 1).
	vl, vg := ValueLoss([]float64{1, 2}, []float64{0, 0})
	if vl != 1.25 || vg[0] != 0.5 || vg[1] != 1 {
		t.Errorf("ValueLoss = %g, %v", vl, vg)
	}
}

// fakeLM returns fixed log-probs and records what it was asked.
type fakeLM struct {
	logp  []float64
	calls int
	seen  []int
	err   error
}

func (f *fakeLM) LogProbs(prompt, response []int) ([]float64, error) {
	f.calls++
	f.seen = append(append([]int(nil), prompt...), response...)
	return f.logp, f.err
}

func TestKLUsesReferenceLogProbs(t *testing.T) {
	policy := &fakeLM{logp: []float64{-1, -2, -0.5}}
	ref := &fakeLM{logp: []float64{-1.5, -1, -0.5}}
	prompt, resp := []int{7, 8}, []int{1, 2, 3}
	rewards, kl, logp, err := PenalizedRewards(policy, ref, prompt, resp, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	// kl_t = policy − reference = (−1+1.5, −2+1, −0.5+0.5) = (0.5, −1, 0);
	// r = −0.1·kl + (0, 0, 2) = (−0.05, 0.1, 2).
	if !slices.Equal(kl, []float64{0.5, -1, 0}) {
		t.Errorf("kl = %v, want (0.5, −1, 0)", kl)
	}
	for i, want := range []float64{-0.05, 0.1, 2} {
		if !near(rewards[i], want, 1e-12) {
			t.Errorf("reward[%d] = %g, want %g", i, rewards[i], want)
		}
	}
	if !slices.Equal(logp, policy.logp) {
		t.Errorf("logp = %v, want the policy's", logp)
	}
	if ref.calls != 1 || !slices.Equal(ref.seen, []int{7, 8, 1, 2, 3}) {
		t.Errorf("reference called %d times with %v; want once with the same prompt and response", ref.calls, ref.seen)
	}
	// A different reference gives a different penalty: the reference's
	// log-probs, not the policy's, are subtracted.
	_, kl2, _, _ := PenalizedRewards(policy, &fakeLM{logp: []float64{-1, -2, -0.5}}, prompt, resp, 2, 0.1)
	if !slices.Equal(kl2, []float64{0, 0, 0}) {
		t.Errorf("reference equal to the policy: kl = %v, want 0", kl2)
	}
	// Errors and length mismatches are reported, not panicked.
	boom := errors.New("boom")
	if _, _, _, err := PenalizedRewards(policy, &fakeLM{err: boom}, prompt, resp, 2, 0.1); !errors.Is(err, boom) {
		t.Errorf("reference error: %v", err)
	}
	if _, _, _, err := PenalizedRewards(policy, &fakeLM{logp: []float64{0}}, prompt, resp, 2, 0.1); err == nil {
		t.Error("short reference log-probs: no error")
	}
}

func TestTokenLogProbsAndEntropy(t *testing.T) {
	// Uniform logits over V = 4: log-prob −log 4 = −1.386294, entropy log 4.
	lp := TokenLogProbs([]float32{0, 0, 0, 0, 1, 1, 1, 1}, 4, []int{2, 0})
	ent := Entropy([]float64{0, 0, 0, 0}, 4)
	if !near(lp[0], -math.Log(4), 1e-7) || !near(lp[1], -math.Log(4), 1e-7) || !near(ent[0], math.Log(4), 1e-12) {
		t.Errorf("log-probs %v entropy %v", lp, ent)
	}
	// Logits (ln 1, ln 3): p = (0.25, 0.75); log p(1) = ln 0.75.
	lp = TokenLogProbs([]float64{0, math.Log(3)}, 2, []int{1})
	if !near(lp[0], math.Log(0.75), 1e-12) {
		t.Errorf("log p = %g, want ln 0.75", lp[0])
	}
}

// TestDPO checks DPO against this hand computation: β = 0.1,
// log π(y⁺) = −10, log π_ref(y⁺) = −12, log π(y⁻) = −11, log π_ref(y⁻) = −10:
//
//	z = 0.1·((−10 + 12) − (−11 + 10)) = 0.1·(2 + 1) = 0.3
//	L = −log σ(0.3) = log(1 + e^{−0.3}) = log 1.7408182 = 0.5543552
//	∂L/∂log π(y⁺) = −0.1·σ(−0.3) = −0.1·0.4255575 = −0.04255575
func TestDPO(t *testing.T) {
	loss, dp, dn := DPO(-10, -11, -12, -10, 0.1)
	if !near(loss, 0.5543552444685271, 1e-12) || !near(dp, -0.0425557483188341, 1e-12) || !near(dn, 0.0425557483188341, 1e-12) {
		t.Errorf("DPO = %.12g, %.12g, %.12g", loss, dp, dn)
	}
	st := DPOBatch([]float64{-10, -5}, []float64{-11, -5}, []float64{-12, -5}, []float64{-10, -5}, 0.1)
	if !near(st.Loss, (0.5543552444685271+math.Ln2)/2, 1e-12) || st.Accuracy != 0.5 || !near(st.ChosenReward, 0.1, 1e-12) || !near(st.RejReward, -0.05, 1e-12) {
		t.Errorf("DPOBatch = %+v", st)
	}
	pos := ag.FromSlice([]float64{-10, -5}, 2)
	neg := ag.FromSlice([]float64{-11, -5}, 2)
	pos.RequiresGrad, neg.RequiresGrad = true, true
	l := DPOLoss(pos, neg, []float64{-12, -5}, []float64{-10, -5}, 0.1)
	l.Backward()
	if !near(l.Data[0], st.Loss, 1e-12) || !near(pos.Grad[0], st.DPos[0], 1e-12) || !near(neg.Grad[1], st.DNeg[1], 1e-12) {
		t.Errorf("DPOLoss = %g grads %v %v; want %g %v %v", l.Data[0], pos.Grad, neg.Grad, st.Loss, st.DPos, st.DNeg)
	}
}
