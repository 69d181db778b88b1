import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFitcheckError } from '../errors.js';
import { useCpu } from '../training/test-helpers.js';
import { KerasSgd, sgd } from './sgd.js';
import { stepsOf } from './test-helpers.js';

beforeAll(useCpu);

// A rate that halves every step, so that Keras' v ← μv − lr·g and TF.js' v ← μv + g (scaled by
// lr afterwards) part ways from the second step.
const halving = (step: number) => 0.1 / 2 ** step;
const ones = [[1], [1], [1]];

describe("KerasSgd: Keras 3's SGD, by hand from its update rule", () => {
  it('without momentum: w ← w − lr·g (1 − 0.1 − 0.05 − 0.025)', () => {
    const w = stepsOf(new KerasSgd(halving), [1], ones).map(([x]) => x!);
    expect(w[0]).toBeCloseTo(0.9, 6);
    expect(w[1]).toBeCloseTo(0.85, 6);
    expect(w[2]).toBeCloseTo(0.825, 6);
  });

  it('momentum 0.9: v = −0.1, −0.14, −0.151, w = 0.9, 0.76, 0.609', () => {
    const w = stepsOf(new KerasSgd(halving, { momentum: 0.9 }), [1], ones).map(([x]) => x!);
    expect(w[0]).toBeCloseTo(0.9, 6);
    expect(w[1]).toBeCloseTo(0.76, 6);
    expect(w[2]).toBeCloseTo(0.609, 6);
    // TF.js' MomentumOptimizer (v ← μv + g, w ← w − lr·v) would give 0.9 − 0.05·1.9 = 0.805 at step 2.
    expect(w[1]).not.toBeCloseTo(0.805, 3);
  });

  it('Nesterov: w ← w + μ·v − lr·g gives 0.81, 0.634, 0.4731', () => {
    const w = stepsOf(new KerasSgd(halving, { momentum: 0.9, nesterov: true }), [1], ones).map(([x]) => x!);
    expect(w[0]).toBeCloseTo(0.81, 6);
    expect(w[1]).toBeCloseTo(0.634, 6);
    expect(w[2]).toBeCloseTo(0.4731, 6);
  });

  it("counts its steps, defaults to Keras' learning rate 0.01 and refuses a momentum Keras refuses", () => {
    const opt = sgd.create({ type: 'SGD' }, () => sgd.defaultLearningRate);
    const [[w]] = stepsOf(opt, [1], [[2]]) as [[number]];
    expect(w).toBeCloseTo(0.98, 6);
    expect(opt.steps).toBe(1);
    expect(opt.iterations).toBe(1);
    try {
      new KerasSgd(halving, { momentum: 1.5 });
      expect.unreachable('should throw');
    } catch (e) {
      expect(isFitcheckError(e) && e.code).toBe('BAD_OPTIMIZER');
    }
  });

  it('leaves a variable without a gradient alone and allocates nothing per step once its slots exist', () => {
    const opt = new KerasSgd(() => 0.1, { momentum: 0.5 });
    const w = tf.variable(tf.tensor1d([1, 2]), true, 'sgd-alloc');
    const g = tf.tensor1d([1, 1]);
    opt.applyGradients({ [w.name]: g });
    const before = tf.memory().numTensors;
    opt.applyGradients({ [w.name]: g });
    opt.applyGradients({});
    expect(tf.memory().numTensors).toBe(before);
    // v = −0.1, then −0.05 − 0.1 = −0.15: w = 1 − 0.25, 2 − 0.25
    expect(Array.from(w.dataSync()).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0.75, 1.75]);
    tf.dispose([g, w]);
    opt.dispose();
  });
});
