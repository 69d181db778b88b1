import { checkStep, requireNumber } from './check.js';
import type { LearningRateSchedule } from './types.js';

export interface InverseTimeDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in discrete jumps every `decaySteps` steps. */
  staircase?: boolean;
}

/**
 * Keras' `InverseTimeDecay`:
 *   `lr(step) = initialLearningRate / (1 + decayRate · step / decaySteps)`,
 * with `floor(step / decaySteps)` in place of `step / decaySteps` when `staircase`.
 * The lab uses lr0 = 0.001, decaySteps = 20 · 1000, decayRate = 1: lr halves at epoch 1000
 * and is a third at epoch 2000.
 */
export function inverseTimeDecay({
  initialLearningRate,
  decaySteps,
  decayRate,
  staircase = false,
}: InverseTimeDecayOptions): LearningRateSchedule {
  const name = 'InverseTimeDecay';
  requireNumber(name, 'initialLearningRate', initialLearningRate, () => true, 'a finite number');
  requireNumber(name, 'decaySteps', decaySteps, (v) => v > 0, 'a number > 0');
  requireNumber(name, 'decayRate', decayRate, (v) => v >= 0, 'a number >= 0');
  return (step) => {
    checkStep(name, step);
    const p = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
    return initialLearningRate / (1 + decayRate * p);
  };
}
