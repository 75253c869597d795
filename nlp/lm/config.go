package lm

import (
	"fmt"
	"math"
)

// size checks one size field of a model config: 0 takes the default,
// negative values and values beyond max are errors naming the field.
func size(config, field string, v, max int) error {
	if v < 0 || v > max {
		return fmt.Errorf("lm: %s.%s must be in 0…%d (0: the default), got %d", config, field, max, v)
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

func (c WindowConfig) validate() error {
	return firstErr(size("WindowConfig", "Context", c.Context, maxDepth), size("WindowConfig", "Dim", c.Dim, maxWidth),
		size("WindowConfig", "Hidden", c.Hidden, maxWidth))
}

func (c RNNConfig) validate() error {
	if c.Cell < Vanilla || c.Cell > LSTM {
		return fmt.Errorf("lm: RNNConfig.Cell must be Vanilla, GRU or LSTM, got %d", c.Cell)
	}
	return firstErr(size("RNNConfig", "Dim", c.Dim, maxWidth), size("RNNConfig", "Hidden", c.Hidden, maxWidth))
}

func (c TransformerConfig) validate() error {
	return firstErr(size("TransformerConfig", "Block", c.Block, maxWidth), size("TransformerConfig", "Dim", c.Dim, maxWidth),
		size("TransformerConfig", "Heads", c.Heads, maxDepth), size("TransformerConfig", "Layers", c.Layers, maxDepth))
}

// Validate checks the sampling settings: Temperature and TopP finite
// numbers ≥ 0, TopK ≥ 0, and no Temperature with Greedy.
func (s Sampling) Validate() error {
	switch {
	case math.IsNaN(s.Temperature) || math.IsInf(s.Temperature, 0) || s.Temperature < 0:
		return fmt.Errorf("lm: Sampling.Temperature must be a finite number ≥ 0 (0: 1; Greedy for the most probable token), got %g", s.Temperature)
	case s.Greedy && s.Temperature != 0:
		return fmt.Errorf("lm: Sampling.Greedy with Temperature %g: choose one", s.Temperature)
	case s.TopK < 0:
		return fmt.Errorf("lm: Sampling.TopK must be ≥ 0 (0: all), got %d", s.TopK)
	case math.IsNaN(s.TopP) || math.IsInf(s.TopP, 0) || s.TopP < 0:
		return fmt.Errorf("lm: Sampling.TopP must be a finite number ≥ 0 (0 or ≥ 1: all), got %g", s.TopP)
	}
	return nil
}
