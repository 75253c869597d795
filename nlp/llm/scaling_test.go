package llm

import (
	"strings"
	"testing"
)

func TestModels(t *testing.T) {
	ms := Models()
	byName := map[string]ModelCard{}
	for i, m := range ms {
		byName[m.Name] = m
		if i > 0 && m.Year < ms[i-1].Year {
			t.Errorf("%s (%d) listed after %s (%d)", m.Name, m.Year, ms[i-1].Name, ms[i-1].Year)
		}
		if m.Reference == "" || m.Params <= 0 {
			t.Errorf("%s: missing reference or parameters", m.Name)
		}
	}
	// Brown et al. 2020, Table 2.1; Hoffmann et al. 2022: about 20 tokens per parameter.
	if g := byName["GPT-3"]; g.Describe() != "GPT-3: 175B parameters, 300B tokens (OpenAI, 2020)" {
		t.Errorf("Describe = %q", g.Describe())
	}
	if r := byName["Chinchilla"].TokensPerParam(); r != 20 {
		t.Errorf("Chinchilla tokens/param = %g, want 20", r)
	}
	s := ScalingTable(ms).String()
	for _, w := range []string{"BLOOM", "176B", "BigScience", "—"} {
		if !strings.Contains(s, w) {
			t.Errorf("table lacks %q:\n%s", w, s)
		}
	}
}
