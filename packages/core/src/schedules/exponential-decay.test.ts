import { describe, expect, it } from 'vitest';
import { exponentialDecay } from './exponential-decay.js';

describe('exponentialDecay', () => {
  // TF's docstring example: 0.1 decayed by 0.96 every 100,000 steps.
  const smooth = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100_000, decayRate: 0.96 });
  const stairs = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100_000, decayRate: 0.96, staircase: true });

  it('is lr0 · rate^(step/decaySteps)', () => {
    expect(smooth(0)).toBe(0.1);
    expect(smooth(100_000)).toBeCloseTo(0.096, 15);
    expect(smooth(50_000)).toBeCloseTo(0.1 * Math.sqrt(0.96), 15);
    expect(smooth(250_000)).toBeCloseTo(0.1 * 0.96 ** 2.5, 15);
  });

  it('with staircase uses floor(step/decaySteps)', () => {
    expect(stairs(99_999)).toBe(0.1);
    expect(stairs(100_000)).toBeCloseTo(0.096, 15);
    expect(stairs(250_000)).toBeCloseTo(0.09216, 15);
  });

  it('rejects decaySteps <= 0 and decayRate <= 0', () => {
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 })).toThrow(
      /ExponentialDecay: decaySteps must be a number > 0; got 0/,
    );
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0 })).toThrow(/decayRate/);
  });
});
