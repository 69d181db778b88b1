import { describe, expect, it } from 'vitest';
import { isFitcheckError } from '../errors.js';
import { piecewiseConstantDecay } from './piecewise-constant-decay.js';

describe('piecewiseConstantDecay', () => {
  // TF's docstring example: 1.0 for the first 100,001 steps, 0.5 for the next 10,000, then 0.1.
  const lr = piecewiseConstantDecay({ boundaries: [100_000, 110_000], values: [1.0, 0.5, 0.1] });

  it('gives values[i] for boundaries[i-1] < step <= boundaries[i]', () => {
    expect([0, 100_000, 100_001, 110_000, 110_001, 1e9].map(lr)).toEqual([1.0, 1.0, 0.5, 0.5, 0.1, 0.1]);
  });

  it('with no boundaries is a constant', () => {
    expect(piecewiseConstantDecay({ boundaries: [], values: [0.3] })(123)).toBe(0.3);
  });

  it('rejects boundaries.length !== values.length - 1 and unsorted boundaries', () => {
    try {
      piecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5] });
      expect.unreachable('should throw');
    } catch (e) {
      expect(isFitcheckError(e) && e.code).toBe('BAD_SCHEDULE');
      expect((e as Error).message).toMatch(/2 boundaries and 2 values/);
    }
    expect(() => piecewiseConstantDecay({ boundaries: [20, 10], values: [1, 0.5, 0.1] })).toThrow(/boundaries\[1\]/);
  });
});
