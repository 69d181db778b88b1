import { describe, expect, it } from 'vitest';
import { isFitcheckError } from '../errors.js';
import { inverseTimeDecay } from './inverse-time-decay.js';

// The lab: Higgs with 10,000 training rows in batches of 500 → 20 steps per epoch.
const STEPS_PER_EPOCH = 20;
const lab = inverseTimeDecay({ initialLearningRate: 0.001, decaySteps: STEPS_PER_EPOCH * 1000, decayRate: 1 });

describe('inverseTimeDecay', () => {
  it('follows the lab: 1/2 of the rate at epoch 1000, 1/3 at epoch 2000', () => {
    expect(lab(0)).toBe(0.001);
    expect(lab(1000 * STEPS_PER_EPOCH)).toBeCloseTo(0.0005, 15);
    expect(lab(2000 * STEPS_PER_EPOCH)).toBeCloseTo(0.001 / 3, 15);
    // the notebook's plot runs to step 100,000 = epoch 5000: 1/6 of the rate
    expect(lab(100_000)).toBeCloseTo(0.001 / 6, 15);
  });

  it('decays smoothly between the epochs without staircase', () => {
    expect(lab(10_000)).toBeCloseTo(0.001 / 1.5, 15);
    expect(lab(30_000)).toBeCloseTo(0.0004, 15);
  });

  it('with staircase drops only at multiples of decaySteps: lr0 / (1 + rate·floor(step/decaySteps))', () => {
    const s = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1.0, decayRate: 0.5, staircase: true });
    // the TF docstring's example schedule, at steps 0.. 3 and in between
    expect([0, 0.5, 1, 1.99, 2, 3].map(s)).toEqual([0.1, 0.1, 0.1 / 1.5, 0.1 / 1.5, 0.05, 0.1 / 2.5]);
    const labStairs = inverseTimeDecay({ initialLearningRate: 0.001, decaySteps: 20_000, decayRate: 1, staircase: true });
    expect(labStairs(19_999)).toBe(0.001);
    expect(labStairs(30_000)).toBe(0.0005);
  });

  it('rejects a non-positive decaySteps or a negative step with BAD_SCHEDULE', () => {
    for (const decaySteps of [0, -5, Number.NaN]) {
      try {
        inverseTimeDecay({ initialLearningRate: 0.001, decaySteps, decayRate: 1 });
        expect.unreachable('should throw');
      } catch (e) {
        expect(isFitcheckError(e) && e.code).toBe('BAD_SCHEDULE');
      }
    }
    expect(() => lab(-1)).toThrow(/step must be a finite number >= 0/);
  });
});
