package seq2seq

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/metrics"

	"github.com/lingo-nlp/lingo/nlp/training"
)

// deenNames names the models of TestDeEn by LINGO_S2S_ATT.
var deenNames = []string{"GRU, no attention", "GRU, additive", "GRU, multiplicative", "Transformer"}

// deenRecipe is how TestDeEn builds and trains model att (0–3) for ep
// epochs.
func deenRecipe(att, ep int, split Split) (*Task, training.Config, error) {
	src, err := BuildVocab(split.Train, false, 2, 0)
	if err != nil {
		return nil, training.Config{}, err
	}
	tgt, err := BuildVocab(split.Train, true, 2, 0)
	if err != nil {
		return nil, training.Config{}, err
	}
	task := &Task{Train: split.Train, Val: split.Valid, SelectBLEU: true}
	cfg := training.Config{Epochs: ep, KeepBest: true, Seed: 1}
	if ls := os.Getenv("LINGO_S2S_LS"); ls != "" {
		task.LabelSmoothing, _ = strconv.ParseFloat(ls, 64)
	}
	if att == 3 {
		cfg.LR = 1e-3
		if os.Getenv("LINGO_S2S_LS") == "" {
			task.LabelSmoothing = 0.1
		}
		if a := os.Getenv("LINGO_S2S_SELECT_BEAM"); a != "" {
			alpha, _ := strconv.ParseFloat(a, 64)
			task.SelectBeam = BeamConfig{Width: 5, Alpha: alpha}
		}
		m, err := NewTransformer(src, tgt, TransformerConfig{Dim: 128, Heads: 4, Layers: 2, FF: 256, Dropout: 0.2, Seed: 1})
		task.Model = m
		return task, cfg, err
	}
	m, err := New(src, tgt, Config{Embed: 64, Hidden: 128, Attention: Attention(att), Dropout: 0.2, Seed: 1})
	task.Model = m
	return task, cfg, err
}

// deenAlphas are the length-penalty exponents tried on the validation split.
var deenAlphas = []float64{0.6, 1, 1.5, 2}

// TestDeEn is the full-scale German→English run of lesson 07, off by
// default: LINGO_S2S_DEEN=EPOCHS runs it. Without LINGO_S2S_ATT it runs the
// four models at once, each in a child process of this test binary, and
// logs one table with the wall time and the CPU time of all four; it fails
// unless beam(5) ≥ greedy for every GRU model and every attention model
// beats the model without attention on BLEU (greedy and beam). The
// Transformer's beam-against-greedy is not checked: it is within noise
// (the paired bootstrap below), and which side wins moves with the
// rounding of the matrix products (OpenBLAS or gonum, SIMD kernels or not). LINGO_S2S_ATT
// picks one model: 0 no attention, 1 additive, 2 multiplicative (GRU, E=64,
// H=128), 3 the Transformer (2+2 layers, C=128, FF=256). Every model trains
// with dropout 0.2 and keeps the epoch of best greedy validation BLEU;
// beam's α is chosen on the validation split from deenAlphas (or the
// comma-separated LINGO_S2S_ALPHAS).
// LINGO_S2S_SAVE=FILE saves the parameters to FILE.<att>, LINGO_S2S_LOAD
// loads them instead of training; LINGO_S2S_LS overrides the label
// smoothing and LINGO_S2S_SELECT_BEAM=α makes the Transformer keep the
// epoch of best beam(5) validation BLEU at that α.
//
// Measured with LINGO_S2S_DEEN=15 (6924 training pairs, 384 test
// sentences), all four at once on the shared 2-core machine (load 5–12 from
// other jobs, everything at nice 19): CPU time of all four 23m08s, i.e.
// 11m34s on 2 cores; wall time 23m42s because of the other jobs.
//
//	model                  kept epoch  greedy  beam(5)     chrF2 greedy/beam
//	GRU, no attention       7          1.08    1.18 (α=0.6) 12.47 / 12.21
//	GRU, additive          12          1.73    2.41 (α=0.6) 15.23 / 15.21
//	GRU, multiplicative    15          1.23    1.66 (α=0.6) 14.24 / 14.21
//	Transformer            15          3.99    4.05 (α=1)   17.85 / 17.62
//
// The Transformer trains with label smoothing 0.1. Without it (same seed
// and epochs) it scored 3.88 greedy and 3.12 with beam(5) (α = 1.5): beam
// search found more probable outputs than greedy decoding (TestDeEnSearch:
// more probable for 290 sentences, equal 84, less 10) that were shorter
// (2019 words against 2300; references 2418) — model error, not a search
// bug. With label smoothing beam search still shortens the output (BP 0.87
// against greedy's 0.98) but gains more in n-gram precision (43.0/8.7/2.4/
// 0.5 against 39.2/6.7/1.8/0.6). The margin is small: on the validation
// split greedy decoding (4.17) beats beam(5) at every α tried (3.27–3.64),
// but that 4.17 is the best of 15 epochs, the very number that chose the
// epoch (it was 3.02 the epoch before), so it is biased upwards. Choosing
// the epoch by the validation BLEU of beam(5), α = 1 instead
// (LINGO_S2S_SELECT_BEAM=1, TrainConfig.SelectBeam) keeps the same epoch
// 15 (beam BLEU 3.64; 3.57 at epoch 14) and so gives the same numbers, for
// 2m22s more CPU (CPU of the four 26m36s, 13m18s on 2 cores).
// Koehn's paired bootstrap (1000 resamples of the 384 test sentences) puts
// beam(5) at or above greedy in 84%, 82%, 91% and 51% of the resamples
// (no attention, additive, multiplicative, Transformer): at BLEU 1–4 on 384
// short sentences, only the GRU models' gain is more than noise.
func TestDeEn(t *testing.T) {
	ep, _ := strconv.Atoi(os.Getenv("LINGO_S2S_DEEN"))
	if ep == 0 {
		t.Skip("set LINGO_S2S_DEEN=EPOCHS to train on de-en")
	}
	if c, _ := corpus.Get("de-en"); c == nil || !c.Installed() {
		t.Skip("de-en not installed (apt-get install trans-de-en)")
	}
	if a := os.Getenv("LINGO_S2S_ATT"); a != "" {
		att, err := strconv.Atoi(a)
		if err != nil || att < 0 || att > 3 {
			t.Fatalf("LINGO_S2S_ATT=%q: want 0–3", a)
		}
		r := runDeEn(t, att, ep)
		t.Logf("RESULT %s", r)
		if att < 3 && r.beam < r.greedy {
			t.Errorf("beam(5) BLEU %.2f < greedy %.2f", r.beam, r.greedy)
		}
		return
	}
	start, cpu0 := time.Now(), cpuTime(children)
	res := make([]deenResult, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for att := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[att], errs[att] = runChild(t, att)
		}()
	}
	wg.Wait()
	wall, cpu := time.Since(start), cpuTime(children)-cpu0
	var b strings.Builder
	fmt.Fprintf(&b, "%d epochs, wall %v, CPU %v (CPU/2 = %v)\n", ep, wall.Round(time.Second), cpu.Round(time.Second), (cpu / 2).Round(time.Second))
	fmt.Fprintf(&b, "%-20s %5s %7s %7s %5s %12s %6s\n", "model", "kept", "greedy", "beam5", "α", "chrF2 g/b", "wall")
	for att, r := range res {
		if errs[att] != nil {
			t.Errorf("%s: %v", deenNames[att], errs[att])
			continue
		}
		fmt.Fprintf(&b, "%-20s %5d %7.2f %7.2f %5g %5.2f/%5.2f %6v\n", deenNames[att], r.kept, r.greedy, r.beam, r.alpha, r.chrfG, r.chrfB, r.wall.Round(time.Second))
	}
	t.Log(b.String())
	for att, r := range res {
		if errs[att] != nil {
			continue
		}
		if att < 3 && r.beam < r.greedy {
			t.Errorf("%s: beam(5) BLEU %.2f < greedy %.2f", deenNames[att], r.beam, r.greedy)
		}
		if att > 0 && errs[0] == nil && (r.greedy <= res[0].greedy || r.beam <= res[0].beam) {
			t.Errorf("%s: BLEU %.2f/%.2f (greedy/beam) does not beat no attention's %.2f/%.2f", deenNames[att], r.greedy, r.beam, res[0].greedy, res[0].beam)
		}
	}
}

// deenResult is one model's outcome; String gives the RESULT line a child
// prints and parseResult reads.
type deenResult struct {
	att, kept    int
	greedy, beam float64 // test BLEU
	chrfG, chrfB float64
	alpha        float64
	wall, cpu    time.Duration
}

func (r deenResult) String() string {
	return fmt.Sprintf("model=%d kept=%d greedy=%.2f beam5=%.2f alpha=%g chrf=%.2f/%.2f wall=%v cpu=%v",
		r.att, r.kept, r.greedy, r.beam, r.alpha, r.chrfG, r.chrfB, r.wall.Round(time.Second), r.cpu.Round(time.Second))
}

func parseResult(line string) (deenResult, error) {
	var r deenResult
	var wall, cpu string
	_, err := fmt.Sscanf(strings.TrimSpace(line), "model=%d kept=%d greedy=%f beam5=%f alpha=%g chrf=%f/%f wall=%s cpu=%s",
		&r.att, &r.kept, &r.greedy, &r.beam, &r.alpha, &r.chrfG, &r.chrfB, &wall, &cpu)
	if err != nil {
		return r, fmt.Errorf("bad RESULT line %q: %w", line, err)
	}
	r.wall, _ = time.ParseDuration(wall)
	r.cpu, _ = time.ParseDuration(cpu)
	return r, nil
}

// runChild runs TestDeEn for model att in a child process and reads its
// RESULT line; the child's log goes to this test's log, prefixed.
func runChild(t *testing.T, att int) (deenResult, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeEn$", "-test.v", "-test.timeout=2h")
	cmd.Env = append(os.Environ(), fmt.Sprintf("LINGO_S2S_ATT=%d", att))
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return deenResult{}, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return deenResult{}, err
	}
	var r deenResult
	found := false
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		line := sc.Text()
		t.Logf("[%d] %s", att, line)
		if _, rest, ok := strings.Cut(line, "RESULT "); ok {
			r, err = parseResult(rest)
			found = err == nil
		}
	}
	if werr := cmd.Wait(); werr != nil {
		err = werr
	}
	if err == nil && !found {
		err = fmt.Errorf("no RESULT line")
	}
	return r, err
}

// runDeEn trains (or loads) model att on the de-en split, chooses α on the
// validation split and scores greedy and beam(5) decoding on the test split.
func runDeEn(t *testing.T, att, ep int) deenResult {
	start, cpu0 := time.Now(), cpuTime(self)
	pairs, err := LoadPairs("de-en", DataConfig{MaxLen: 8})
	if err != nil {
		t.Fatal(err)
	}
	split, _ := SplitPairs(pairs, 0.05, 0.05, 1)
	task, cfg, err := deenRecipe(att, ep, split)
	if err != nil {
		t.Fatal(err)
	}
	m := task.Model.(trainable)
	src, tgt := m.vocabs()
	t.Logf("%s: %d pairs (train %d, valid %d, test %d), vocab %d → %d", deenNames[att], len(pairs), len(split.Train), len(split.Valid), len(split.Test), src.Len(), tgt.Len())
	r := deenResult{att: att}
	if path := os.Getenv("LINGO_S2S_LOAD"); path != "" {
		loadDeEn(t, m, path, att)
	} else {
		h, err := training.Run(context.Background(), task, cfg)
		if err != nil {
			t.Fatal(err)
		}
		per := task.EpochSteps(64)
		r.kept = h.BestStep / per
		t.Logf("%v\n%v (%v, CPU %v)\n%v", m, h, time.Since(start).Round(time.Second), (cpuTime(self) - cpu0).Round(time.Second),
			h.Table("val loss", "val BLEU", "lr"))
	}
	if path := os.Getenv("LINGO_S2S_SAVE"); path != "" {
		f, err := os.Create(fmt.Sprintf("%s.%d", path, att))
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Params().Save(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	// The length-penalty exponent α is chosen on the validation split.
	var vb []float64
	alphas := deenAlphas
	if a := os.Getenv("LINGO_S2S_ALPHAS"); a != "" {
		alphas = nil
		for _, f := range strings.Split(a, ",") {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("LINGO_S2S_ALPHAS=%q: %v", a, err)
			}
			alphas = append(alphas, x)
		}
	}
	r.alpha, vb, err = TuneAlpha(context.Background(), m.(Translator), split.Valid, 5, alphas)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("validation BLEU of beam(5) for α = %v: %.2f; chosen α = %g", alphas, vb, r.alpha)
	reps := make([]*Report, 2)
	for i, bc := range []BeamConfig{{}, {Width: 5, Alpha: r.alpha}} {
		s := time.Now()
		rep, err := evaluate(context.Background(), m, split.Test, bc)
		if err != nil {
			t.Fatal(err)
		}
		reps[i] = rep
		t.Logf("%v (%v)", rep, time.Since(s).Round(time.Millisecond))
		if i == 0 {
			r.greedy, r.chrfG = rep.BLEU.Score, rep.CHRF.Score
		} else {
			r.beam, r.chrfB = rep.BLEU.Score, rep.CHRF.Score
		}
	}
	t.Logf("paired bootstrap: beam(5) BLEU ≥ greedy in %.1f%% of 1000 resamples of the test sentences", 100*bootstrapWins(reps[0], reps[1], 1000))
	r.wall, r.cpu = time.Since(start), cpuTime(self)-cpu0
	return r
}

// bootstrapWins is Koehn's (2004) paired bootstrap: it draws n resamples of
// the sentences of two reports on the same pairs (with replacement, the
// same draw for both) and returns the fraction in which b's corpus BLEU is
// at least a's.
func bootstrapWins(a, b *Report, n int) float64 {
	rng := rand.New(rand.NewPCG(1, 2))
	k := len(a.Rows)
	ha, hb, refs := make([]string, k), make([]string, k), make([][]string, k)
	wins := 0
	for range n {
		for i := range k {
			j := rng.IntN(k)
			ha[i], hb[i], refs[i] = a.Rows[j].Hypothesis, b.Rows[j].Hypothesis, []string{a.Rows[j].Reference}
		}
		sa, errA := metrics.CorpusBLEU(ha, refs)
		sb, errB := metrics.CorpusBLEU(hb, refs)
		if errA == nil && errB == nil && sb.Score >= sa.Score {
			wins++
		}
	}
	return float64(wins) / float64(n)
}

// The RESULT line a child of TestDeEn prints reads back unchanged.
func TestDeEnResultLine(t *testing.T) {
	want := deenResult{att: 3, kept: 14, greedy: 3.88, beam: 4.01, alpha: 1.5, chrfG: 17.74, chrfB: 18.22,
		wall: 7*time.Minute + 3*time.Second, cpu: 9*time.Minute + 43*time.Second}
	got, err := parseResult(want.String())
	if err != nil || got != want {
		t.Errorf("parseResult(%q) = %+v, %v; want %+v", want.String(), got, err, want)
	}
}

// bootstrapWins on reports made by hand: a decoder that reproduces the
// references beats one that never matches in every resample, and a report
// ties with itself (≥ counts ties).
func TestBootstrapWins(t *testing.T) {
	var good, bad Report
	for i := range 20 {
		ref := fmt.Sprintf("the cat number %d sat on the mat", i)
		good.Rows = append(good.Rows, Row{Reference: ref, Hypothesis: ref})
		bad.Rows = append(bad.Rows, Row{Reference: ref, Hypothesis: "a dog"})
	}
	for _, c := range []struct {
		name string
		a, b *Report
		want float64
	}{
		{"good ≥ bad", &bad, &good, 1},
		{"bad ≥ good", &good, &bad, 0},
		{"tie", &good, &good, 1},
	} {
		if got := bootstrapWins(c.a, c.b, 50); got != c.want {
			t.Errorf("%s: %g, want %g", c.name, got, c.want)
		}
	}
}

// loadDeEn loads the parameters of model att saved under path (path.att).
func loadDeEn(t *testing.T, m trainable, path string, att int) {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("%s.%d", path, att))
	if err != nil {
		t.Fatal(err)
	}
	err = m.Params().Load(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
}
