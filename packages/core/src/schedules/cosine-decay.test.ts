import { describe, expect, it } from 'vitest';
import { cosineDecay } from './cosine-decay.js';

describe('cosineDecay', () => {
  it('halves at the middle and ends at alpha·lr0, then stays there', () => {
    const lr = cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000 });
    expect(lr(0)).toBe(0.1);
    expect(lr(500)).toBeCloseTo(0.05, 15);
    expect(lr(250)).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 15);
    expect(lr(1000)).toBeCloseTo(0, 15);
    expect(lr(5000)).toBeCloseTo(0, 15);
  });

  it('floors at alpha as a fraction of the rate: lr0·((1−α)·0.5·(1+cos(π t/d)) + α)', () => {
    const lr = cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.1 });
    expect(lr(1000)).toBeCloseTo(0.01, 15);
    expect(lr(500)).toBeCloseTo(0.055, 15);
    expect(lr(2000)).toBeCloseTo(0.01, 15);
  });

  it('warms up linearly to warmupTarget, then decays from it (Keras 3)', () => {
    // Keras 3's docstring setup: from 0 to 0.1 over 1000 warmup steps.
    const lr = cosineDecay({ initialLearningRate: 0, decaySteps: 4000, warmupTarget: 0.1, warmupSteps: 1000 });
    expect(lr(0)).toBe(0);
    expect(lr(250)).toBeCloseTo(0.025, 15);
    expect(lr(1000)).toBeCloseTo(0.1, 15);
    expect(lr(3000)).toBeCloseTo(0.05, 15);
    expect(lr(5000)).toBeCloseTo(0, 15);
    expect(lr(9000)).toBeCloseTo(0, 15);
  });

  it('with a warmupTarget and no warmup steps decays from the target', () => {
    const lr = cosineDecay({ initialLearningRate: 0.5, decaySteps: 100, warmupTarget: 0.2 });
    expect(lr(0)).toBeCloseTo(0.2, 15);
    expect(lr(50)).toBeCloseTo(0.1, 15);
  });

  it('rejects decaySteps <= 0 and negative warmupSteps', () => {
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: 0 })).toThrow(/decaySteps must be a number > 0/);
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupSteps: -1 })).toThrow(/warmupSteps/);
  });
});
