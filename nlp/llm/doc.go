// Package llm shows how ChatGPT-style models are made, at miniature scale:
// pretraining data mixtures and pretraining, supervised fine-tuning on the
// instruction data of package instruct, evaluation, the reward model, PPO
// and DPO, and data-parallel gradient averaging. The losses are written in
// float64 over plain slices (or on small interfaces) so that they can be
// tested against hand-computed numbers, and as autograd ops for the
// Transformer of package lm; every stage trains with training.Run.
//
// # Pretraining mixtures
//
// A mixture samples each training document from source s with probability
// w_s (Σ w_s = 1). Training on N tokens then passes over source s
//
//	epochs_s = w_s · N / tokens_s
//
// times: GPT-3 saw Wikipedia 3.4 times but Common Crawl only 0.44 times.
//
// # Alignment
//
//	reward model (Bradley–Terry)  L = −log σ(r⁺ − r⁻)
//	KL-shaped reward              r_t = −β (log π(y_t) − log π_ref(y_t)) (+ R at the last token)
//	GAE                           δ_t = r_t + γ V_{t+1} − V_t,  A_t = δ_t + γλ A_{t+1}
//	PPO clipped objective         L = E[min(ρ_t A_t, clip(ρ_t, 1−ε, 1+ε) A_t)],  ρ_t = π/π_old
//	DPO                           L = −log σ(β[(log π(y⁺) − log π_ref(y⁺)) − (log π(y⁻) − log π_ref(y⁻))])
//
// A Rater stands in for human labellers with documented rules (a right
// answer, a positive tone by AFINN, brevity) and turns pairs of responses
// into Preference pairs.
//
// # Training stages
//
// Model pairs package lm's Transformer with a byte-level BPE. Every stage
// trains with training.Run. Pretrain draws a token stream from a Mixture of
// installed corpora and trains it; an SFTTask tunes it with the loss on
// response tokens; EvaluateExactMatch scores held-out
// tasks per family; MakePreferences samples answers (SampleN, one batch
// per prompt) and lets a Rater rank them, on prompts of the reward
// model's own (Dataset.Fresh: new examples, no held-out group, no input
// SFT saw, as InstructGPT kept separate prompt sets), dropping near-ties
// (PreferenceConfig.MinMargin); RewardModel puts a scalar head on the
// final hidden states — the last token's, or their mean over the
// response (MeanPool) — and fits it with Bradley–Terry, stopping early on
// validation pairs (RewardTask.Val); a RewardEnsemble averages
// several trained from their own seeds, starting from the SFT model or
// the pretrained one. A DPOTask and a PPOTask align a copy of the SFT model
// against a frozen reference, PPO against any Rewarder;
// PPOTask.KLTarget adapts β (Ziegler et al. 2019).
// EvaluatePolicy measures a policy on held-out prompts: the reward
// model's mean reward and the KL to the reference per response, to check
// against a stated bound (PolicyTable). instruct.InstructionChat talks to an
// instruction-tuned model through the chat display.
//
// # Scale
//
// DataParallel splits a batch across worker goroutines, each with its own
// model replica, and all-reduces their gradients into the single-worker
// gradient (GradVector, SetGrads and CopyParams connect it to package nn).
// TrainDataParallel trains a Model that way with replicas per worker, and
// MeasureSpeedUp times the same steps with 1, 2, … workers.
//
// The full-scale runs of lessons 08 and 09 are tests behind an
// environment variable (minutes each on 2 cores); they print every
// acceptance figure with its wall and CPU time:
//
//	LINGO_LLM_FULL=1 go test -run TestFullScale -v -timeout 2h ./nlp/llm
//
// References: T. Brown et al., "Language Models are Few-Shot Learners"
// (GPT-3), NeurIPS 2020, §2.2 and Table 2.2; J. Wei et al., "Finetuned
// Language Models Are Zero-Shot Learners" (FLAN), ICLR 2022; J. Wei et al.,
// "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models",
// NeurIPS 2022; L. Ouyang et al., "Training language models to follow
// instructions with human feedback" (InstructGPT), NeurIPS 2022; R. A.
// Bradley and M. E. Terry, Biometrika 39, 1952; J. Schulman et al.,
// "Proximal Policy Optimization Algorithms", arXiv:1707.06347, 2017;
// J. Schulman et al., "High-Dimensional Continuous Control Using Generalized
// Advantage Estimation", ICLR 2016; R. Rafailov et al., "Direct Preference
// Optimization", NeurIPS 2023; F. Å. Nielsen, "A new ANEW" (AFINN), 2011.
//
// # Usage
//
// A mixture's epochs table, a small pretraining run on the embedded
// corpus, supervised fine-tuning on instruction data, the Bradley–Terry
// loss of a pair:
//
//	mix, err := llm.NewMixture(nil, llm.Source{Name: "wiki", Weight: 3, Tokens: 3e9}, llm.Source{Name: "web", Weight: 60, Tokens: 410e9})
//	report := mix.Epochs(300e9)
//	pre, err := llm.Pretrain(ctx, llm.PretrainConfig{Corpora: []string{"default"}, Seed: 1}, training.Config{Steps: 20})
//	hist, err := training.Run(ctx, &llm.SFTTask{Model: pre.Model, Examples: train}, training.Config{Steps: 20})
//	loss, dPos, dNeg := llm.BradleyTerry(rPos, rNeg)
package llm
