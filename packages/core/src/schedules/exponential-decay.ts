import { checkStep, requireNumber } from './check.js';
import type { LearningRateSchedule } from './types.js';

export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in discrete jumps every `decaySteps` steps. */
  staircase?: boolean;
}

/**
 * Keras' `ExponentialDecay`:
 *   `lr(step) = initialLearningRate · decayRate ^ (step / decaySteps)`,
 * with `floor(step / decaySteps)` as the exponent when `staircase`.
 */
export function exponentialDecay({
  initialLearningRate,
  decaySteps,
  decayRate,
  staircase = false,
}: ExponentialDecayOptions): LearningRateSchedule {
  const name = 'ExponentialDecay';
  requireNumber(name, 'initialLearningRate', initialLearningRate, () => true, 'a finite number');
  requireNumber(name, 'decaySteps', decaySteps, (v) => v > 0, 'a number > 0');
  requireNumber(name, 'decayRate', decayRate, (v) => v > 0, 'a number > 0');
  return (step) => {
    checkStep(name, step);
    const p = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
    return initialLearningRate * decayRate ** p;
  };
}
