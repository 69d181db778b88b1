import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../training/test-helpers.js';
import { KerasRmsprop, rmsprop } from './rmsprop.js';
import { stepsOf } from './test-helpers.js';

beforeAll(useCpu);

// Expected values: Keras 3's update rule worked through in float64 (lr 0.01, ρ 0.9, ε 1e-7).
describe("KerasRmsprop: Keras 3's RMSprop, by hand from its update rule", () => {
  it('plain: s = 0.1 then 0.49, w ← w − lr·g/√(s + ε)', () => {
    const w = stepsOf(new KerasRmsprop(() => 0.01), [1], [[1], [2]]).map(([x]) => x!);
    expect(w[0]).toBeCloseTo(0.9683772392, 6);
    expect(w[1]).toBeCloseTo(0.9398058136, 6);
  });

  it('puts ε inside the square root: a tiny gradient moves w by 0.0031466, not 0.0315', () => {
    const [[w]] = stepsOf(new KerasRmsprop(() => 0.01), [1], [[1e-4]]) as [[number]];
    expect(1 - w).toBeCloseTo(0.0031465839, 6);
  });

  it('centered with momentum 0.5: d = s − ḡ² + ε, m ← μm + Δ', () => {
    const w = stepsOf(new KerasRmsprop(() => 0.01, { centered: true, momentum: 0.5 }), [1], [[1], [2]]).map(([x]) => x!);
    expect(w[0]).toBeCloseTo(0.9666666852, 6);
    expect(w[1]).toBeCloseTo(0.9186079244, 6);
  });

  it("has Keras' defaults: learning rate 0.001, ρ 0.9, ε 1e-7, no momentum, not centered", () => {
    const opt = rmsprop.create({ type: 'RMSprop' }, () => rmsprop.defaultLearningRate) as KerasRmsprop;
    expect([opt.rho, opt.epsilon, opt.momentum, opt.centered, rmsprop.defaultLearningRate]).toEqual([0.9, 1e-7, 0, false, 0.001]);
    const [[w]] = stepsOf(opt, [1], [[1]]) as [[number]];
    expect(w).toBeCloseTo(1 - 0.001 / Math.sqrt(0.1 + 1e-7), 6);
  });
});
