import { FitcheckError } from '../errors.js';
import { checkStep, requireNumber } from './check.js';
import type { LearningRateSchedule } from './types.js';

export interface PiecewiseConstantDecayOptions {
  /** Ascending step boundaries; one fewer than `values`. */
  boundaries: readonly number[];
  values: readonly number[];
}

/**
 * Keras' `PiecewiseConstantDecay`:
 *   `lr(step) = values[0]` for `step ≤ boundaries[0]`,
 *   `values[i]` for `boundaries[i−1] < step ≤ boundaries[i]`,
 *   `values[n]` for `step > boundaries[n−1]` (n = boundaries.length).
 */
export function piecewiseConstantDecay({
  boundaries,
  values,
}: PiecewiseConstantDecayOptions): LearningRateSchedule {
  const name = 'PiecewiseConstantDecay';
  if (boundaries.length !== values.length - 1) {
    throw new FitcheckError(
      'BAD_SCHEDULE',
      `${name}: the length of boundaries should be 1 less than the length of values ` +
        `(got ${boundaries.length} boundaries and ${values.length} values)`,
      { key: 'boundaries' },
    );
  }
  boundaries.forEach((b, i) => {
    requireNumber(name, `boundaries[${i}]`, b, (v) => i === 0 || v >= (boundaries[i - 1] as number), 'ascending');
  });
  values.forEach((v, i) => requireNumber(name, `values[${i}]`, v, () => true, 'a finite number'));
  const last = values[values.length - 1] as number;
  return (step) => {
    checkStep(name, step);
    // first interval whose upper boundary is not exceeded; past every boundary, the last value
    const i = boundaries.findIndex((b) => step <= b);
    return i === -1 ? last : (values[i] as number);
  };
}
