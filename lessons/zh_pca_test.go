package lessons

import "testing"

// The embedding map's axes (reduce.NewEmbeddingMap) and lesson 03's group
// names are translated in the Chinese edition.
func TestTranslateEmbeddingMapLabels(t *testing.T) {
	if err := SetLanguage("zh"); err != nil {
		t.Fatal(err)
	}
	defer SetLanguage("en")
	for in, want := range map[string]string{"PC1 (20% of variance)": "PC1（占方差的 20%）", "countries": "国家"} {
		if got := Translate(in); got != want {
			t.Errorf("Translate(%q) = %q, want %q", in, got, want)
		}
	}
}
