import { checkStep, requireNumber } from './check.js';
import type { LearningRateSchedule } from './types.js';

export interface CosineDecayOptions {
  /** The starting rate; with warmup, the rate warmup starts from. */
  initialLearningRate: number;
  /** Length of the cosine decay, after warmup. */
  decaySteps: number;
  /** Floor, as a fraction of the decayed-from rate. */
  alpha?: number;
  /** With warmup: the rate reached after `warmupSteps`, which the decay then starts from. */
  warmupTarget?: number;
  warmupSteps?: number;
}

/**
 * Keras 3's `CosineDecay` with optional linear warmup.
 *
 * Decay from rate r over `decaySteps` (d), for t = min(step, d):
 *   `lr = r · ((1 − alpha) · 0.5 · (1 + cos(π · t / d)) + alpha)`.
 * Without `warmupTarget`, r = initialLearningRate. With it (w = warmupSteps), for
 * s = min(step, d + w): `lr = lr0 + (warmupTarget − lr0) · s / w` while s < w, then the decay from
 * r = warmupTarget with t = s − w.
 */
export function cosineDecay({
  initialLearningRate,
  decaySteps,
  alpha = 0,
  warmupTarget,
  warmupSteps = 0,
}: CosineDecayOptions): LearningRateSchedule {
  const name = 'CosineDecay';
  requireNumber(name, 'initialLearningRate', initialLearningRate, () => true, 'a finite number');
  requireNumber(name, 'decaySteps', decaySteps, (v) => v > 0, 'a number > 0');
  requireNumber(name, 'alpha', alpha, () => true, 'a finite number');
  requireNumber(name, 'warmupSteps', warmupSteps, (v) => v >= 0, 'a number >= 0');
  if (warmupTarget !== undefined) {
    requireNumber(name, 'warmupTarget', warmupTarget, () => true, 'a finite number');
  }

  const decay = (t: number, from: number): number =>
    from * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * (t / decaySteps))) + alpha);

  return (step) => {
    checkStep(name, step);
    if (warmupTarget === undefined) return decay(Math.min(step, decaySteps), initialLearningRate);
    const s = Math.min(step, decaySteps + warmupSteps);
    if (s < warmupSteps) {
      return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
    }
    return decay(s - warmupSteps, warmupTarget);
  };
}
