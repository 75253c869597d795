package seq2seq

import (
	"fmt"
	"math"
)

// Limits on the sizes of a model: a mistyped size must not ask for
// gigabytes.
const (
	maxWidth = 1 << 14 // Embed, Hidden, Dim, FF
	maxDepth = 1 << 8  // Heads, Layers
)

func size(config, field string, v, max int) error {
	if v < 0 || v > max {
		return fmt.Errorf("seq2seq: %s.%s must be in 0…%d (0: the default), got %d", config, field, max, v)
	}
	return nil
}

func dropout(config string, p float64) error {
	if math.IsNaN(p) || p < 0 || p >= 1 {
		return fmt.Errorf("seq2seq: %s.Dropout must be in [0, 1), got %g", config, p)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (c Config) validate() error {
	if c.Attention < NoAttention || c.Attention > Multiplicative {
		return fmt.Errorf("seq2seq: Config.Attention must be NoAttention, Additive or Multiplicative, got %d", int(c.Attention))
	}
	return firstErr(size("Config", "Embed", c.Embed, maxWidth), size("Config", "Hidden", c.Hidden, maxWidth), dropout("Config", c.Dropout))
}

func (c TransformerConfig) validate() error {
	return firstErr(size("TransformerConfig", "Dim", c.Dim, maxWidth), size("TransformerConfig", "Heads", c.Heads, maxDepth),
		size("TransformerConfig", "Layers", c.Layers, maxDepth), size("TransformerConfig", "FF", c.FF, maxWidth),
		dropout("TransformerConfig", c.Dropout))
}

// Validate checks a beam search's settings: sizes ≥ 0 (Width at most
// 1024) and a finite length-penalty exponent Alpha ≥ 0.
func (c BeamConfig) Validate() error {
	if math.IsNaN(c.Alpha) || math.IsInf(c.Alpha, 0) || c.Alpha < 0 {
		return fmt.Errorf("seq2seq: BeamConfig.Alpha must be a finite number ≥ 0, got %g", c.Alpha)
	}
	return firstErr(size("BeamConfig", "Width", c.Width, 1024), size("BeamConfig", "MaxLen", c.MaxLen, maxWidth),
		size("BeamConfig", "NBest", c.NBest, 1024))
}

// Validate checks a sampler's settings: a finite Temperature ≥ 0 (0: 1)
// and sizes ≥ 0.
func (c SampleConfig) Validate() error {
	if math.IsNaN(c.Temperature) || math.IsInf(c.Temperature, 0) || c.Temperature < 0 {
		return fmt.Errorf("seq2seq: SampleConfig.Temperature must be a finite number ≥ 0 (0: 1), got %g", c.Temperature)
	}
	return firstErr(size("SampleConfig", "TopK", c.TopK, math.MaxInt32), size("SampleConfig", "MaxLen", c.MaxLen, maxWidth))
}

func (c DataConfig) validate() error {
	return firstErr(size("DataConfig", "MaxLen", c.MaxLen, maxWidth), size("DataConfig", "MaxPairs", c.MaxPairs, math.MaxInt32))
}
