import { describe, expect, it } from 'vitest';
import { learningRateSchedule } from './from-spec.js';

// Each value worked out by hand from the Keras class's formula.
describe('learningRateSchedule: a schedule as data, named by its Keras class', () => {
  it('a number is a constant rate', () => {
    const lr = learningRateSchedule(0.01);
    expect([0, 1, 1e6].map(lr)).toEqual([0.01, 0.01, 0.01]);
  });

  it('ExponentialDecay with staircase: 0.1 · 0.5^floor(step / 100)', () => {
    const lr = learningRateSchedule({ type: 'ExponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5, staircase: true });
    expect([0, 99, 100, 250].map(lr)).toEqual([0.1, 0.1, 0.05, 0.025]);
  });

  it('InverseTimeDecay: 0.001 / (1 + step / 20000)', () => {
    const lr = learningRateSchedule({ type: 'InverseTimeDecay', initialLearningRate: 0.001, decaySteps: 20_000, decayRate: 1 });
    expect(lr(20_000)).toBeCloseTo(0.0005, 15);
  });

  it('PiecewiseConstantDecay: 0.1 up to step 100, 0.01 up to 200, then 0.001', () => {
    const lr = learningRateSchedule({ type: 'PiecewiseConstantDecay', boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
    expect([100, 101, 200, 201].map(lr)).toEqual([0.1, 0.01, 0.01, 0.001]);
  });

  it('CosineDecay with warmup: 0 → 0.001 over 100 steps, then half-way down the cosine at 600', () => {
    const lr = learningRateSchedule({ type: 'CosineDecay', initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.001, warmupSteps: 100 });
    expect(lr(50)).toBeCloseTo(0.0005, 15);
    expect(lr(600)).toBeCloseTo(0.0005, 15);
    expect(lr(1100)).toBeCloseTo(0, 15);
  });
});
