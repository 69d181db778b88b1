import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../spec/types.js';
import { buildModel } from './build-model.js';
import { SeededDropout } from './seeded-dropout.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const run = (layer: SeededDropout, x: tf.Tensor, training: boolean): number[] =>
  tf.tidy(() => Array.from((layer.apply(x, { training }) as tf.Tensor).dataSync()));

describe('SeededDropout', () => {
  it('is the identity at inference', () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 1, layerIndex: 0 });
    const x = tf.tensor2d([[1, -2, 3], [4, 5, -6]]);
    expect(run(layer, x, false)).toEqual([1, -2, 3, 4, 5, -6]);
    x.dispose();
  });

  it('drops a fraction `rate` and scales the rest by 1/(1 − rate) while training (inverted dropout)', () => {
    const layer = new SeededDropout({ rate: 0.25, seed: 42, layerIndex: 3 });
    const x = tf.ones([200, 500]);
    const y = run(layer, x, true);
    const kept = y.filter((v) => v !== 0);
    expect(new Set(y)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    // 100,000 Bernoulli(0.75) draws: standard deviation 0.00137; 5σ bound.
    expect(Math.abs(kept.length / y.length - 0.75)).toBeLessThan(0.007);
    // E[y] = x: the sum is preserved on average.
    expect(Math.abs(y.reduce((a, b) => a + b, 0) / y.length - 1)).toBeLessThan(0.01);
    x.dispose();
  });

  it('draws a new mask each call; the same (seed, layer index) replays the same sequence', () => {
    const x = tf.ones([4, 64]);
    const a = new SeededDropout({ rate: 0.5, seed: 9, layerIndex: 1 });
    const b = new SeededDropout({ rate: 0.5, seed: 9, layerIndex: 1 });
    const other = new SeededDropout({ rate: 0.5, seed: 9, layerIndex: 2 });
    const a1 = run(a, x, true);
    const a2 = run(a, x, true);
    expect(a2).not.toEqual(a1);
    expect(run(b, x, true)).toEqual(a1);
    expect(run(b, x, true)).toEqual(a2);
    expect(run(other, x, true)).not.toEqual(a1);
    x.dispose();
  });

  it('lets gradients through the kept units only, scaled like the forward pass', () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 5, layerIndex: 0 });
    const x = tf.ones([8, 32]);
    const g = tf.tidy(() => Array.from(tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t, { training: true }) as tf.Tensor))(x).dataSync()));
    expect(new Set(g)).toEqual(new Set([0, 2]));
    x.dispose();
  });

  it('is called Dropout in summaries and registered for serialization', () => {
    const layer = new SeededDropout({ rate: 0.5, seed: 1, layerIndex: 0 });
    expect(layer.getClassName()).toBe('Dropout');
    expect(tf.serialization.SerializationMap.getMap().classNameMap.SeededDropout).toBeDefined();
    expect(layer.getConfig()).toMatchObject({ rate: 0.5, seed: 1, layerIndex: 0 });
  });

  it('makes model.apply(x, { training: true }) reproducible for a seed', () => {
    const spec: ModelSpec = {
      inputShape: [28],
      layers: [{ type: 'Dense', units: 16, activation: 'elu' }, { type: 'Dropout', rate: 0.5 }, { type: 'Dense', units: 1 }],
    };
    const x = tf.randomUniform([10, 28], -1, 1, 'float32', 3);
    const outputs = (seed: number): number[][] => {
      const model = buildModel(spec, { seed });
      const seq = [1, 2].map(() => tf.tidy(() => Array.from((model.apply(x, { training: true }) as tf.Tensor).dataSync())));
      model.dispose();
      return seq;
    };
    const [first, second] = outputs(11);
    expect(outputs(11)).toEqual([first, second]);
    expect(second).not.toEqual(first);
    expect(outputs(12)[0]).not.toEqual(first);
    x.dispose();
  });
});
