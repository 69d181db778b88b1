import type { HyperparameterProblem } from './layer-type.js';

/**
 * Keras' rule for a Dropout rate, written once: a fraction in [0, 1) (1 would drop everything and
 * scale by 1/0). The schema says it too; this catches what YAML lets through (`.nan`) and callers
 * that build layers without a schema (`SeededDropout`).
 */
export function dropoutRateProblem(rate: number): HyperparameterProblem | undefined {
  return rate >= 0 && rate < 1 ? undefined : { rule: 'dropoutRate', path: '/rate', params: { rate }, message: `rate ${rate} must be in [0, 1)` };
}
