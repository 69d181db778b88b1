import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('@fitcheck/core by its own name', () => {
  it('resolves from inside the package to the built dist (package self-reference through the exports map)', async () => {
    const resolved = createRequire(import.meta.url).resolve('@fitcheck/core');
    expect(resolved).toBe(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
    const core = await import('@fitcheck/core');
    expect(typeof core.fit).toBe('function');
    expect(core.inverseTimeDecay({ initialLearningRate: 0.001, decaySteps: 20_000, decayRate: 1 })(20_000)).toBeCloseTo(0.0005, 12);
  });

  it('exposes the TF.js-free subpaths the data package uses', async () => {
    const { FitcheckError, CORE_ERRORS } = await import('@fitcheck/core/errors');
    expect(new FitcheckError('SHAPE_MISMATCH', 'm').code).toBe('SHAPE_MISMATCH');
    expect(CORE_ERRORS.BACKEND_UNAVAILABLE).toBe('environment');
    const { seededPermutation, seededGenerator } = await import('@fitcheck/core/random');
    expect(Array.from(seededPermutation(5, seededGenerator(1))).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
