import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../training/test-helpers.js';
import { adam } from './adam.js';
import { stepsOf } from './test-helpers.js';

beforeAll(useCpu);

// Expected values: Keras 3's Adam worked through in float64 — α = lr·√(1 − β₂ⁿ)/(1 − β₁ⁿ),
// m ← m + (g − m)(1 − β₁), v ← v + (g² − v)(1 − β₂), w ← w − α·m/(√v + ε).
describe("Adam: Keras 3's update rule, ε added to √v (not to the bias-corrected √v̂ as TF.js does)", () => {
  const create = () => adam.create({ type: 'Adam' }, () => adam.defaultLearningRate);

  it('a gradient of 1e-6, where ε decides the step: 2.4025e-4, then 5.4922e-4 and 9.0299e-4 in all', () => {
    const moved = stepsOf(create(), [1], [[1e-6], [1e-6], [1e-6]]).map(([x]) => 1 - x!);
    expect(moved[0]).toBeCloseTo(0.00024025307, 6);
    expect(moved[1]).toBeCloseTo(0.00054921668, 6);
    expect(moved[2]).toBeCloseTo(0.00090299171, 6);
    // TF.js' own Adam would move 0.001·1e-6/(1e-6 + 1e-7) = 9.09e-4 on the first step.
    expect(moved[0]).not.toBeCloseTo(0.000909, 4);
  });

  it('ordinary gradients 0.5, −0.25, 1: w = 0.99900001, 0.99873367, 0.99807556', () => {
    const w = stepsOf(create(), [1], [[0.5], [-0.25], [1]]).map(([x]) => x!);
    expect(w[0]).toBeCloseTo(0.9990000063, 6);
    expect(w[1]).toBeCloseTo(0.9987336708, 6);
    expect(w[2]).toBeCloseTo(0.9980755610, 6);
  });
});
