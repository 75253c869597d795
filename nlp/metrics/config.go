package metrics

import (
	"fmt"
	"math"
)

// nonNegative checks a float field where 0 means the default.
func nonNegative(config, field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return fmt.Errorf("metrics: %s.%s must be a finite number ≥ 0 (0: the default), got %g", config, field, v)
	}
	return nil
}

// order checks an n-gram order field where 0 means the default.
func order(config, field string, v int) error {
	if v < 0 || v > 100 {
		return fmt.Errorf("metrics: %s.%s must be in 0…100 (0: the default), got %d", config, field, v)
	}
	return nil
}

func (c CHRF) check() error {
	if err := order("CHRF", "CharOrder", c.CharOrder); err != nil {
		return err
	}
	if err := order("CHRF", "WordOrder", c.WordOrder); err != nil {
		return err
	}
	return nonNegative("CHRF", "Beta", c.Beta)
}

func (c NLTKConfig) check() error {
	for i, w := range c.Weights {
		if err := nonNegative("NLTKConfig", fmt.Sprintf("Weights[%d]", i), w); err != nil {
			return err
		}
	}
	if len(c.Weights) > 100 {
		return fmt.Errorf("metrics: NLTKConfig.Weights has %d orders, at most 100", len(c.Weights))
	}
	if err := nonNegative("NLTKConfig", "Epsilon", c.Epsilon); err != nil {
		return err
	}
	return nonNegative("NLTKConfig", "K", c.K)
}
