import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferShapes } from '../spec/infer-shapes.js';
import { parseModelSpec } from '../spec/parse-model-spec.js';
import type { ModelSpec } from '../spec/types.js';
import { buildModel } from './build-model.js';

const fixture = (name: string): ModelSpec => {
  const file = new URL(`../../../../fixtures/models/${name}.yaml`, import.meta.url);
  return parseModelSpec(readFileSync(file, 'utf8'), `${name}.yaml`);
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Keras' model.count_params() for every model of Lab 5 (LAB.md).
const LAB_COUNTS = {
  tiny: 481, small: 753, medium: 10_241, large: 803_329, l2: 803_329, dropout: 803_329, combined: 803_329,
  giant: 3_179_521, 'cat-small': 1_573_121, 'cat-medium': 3_277_825, 'cat-large': 15_733_761, 'cat-regularized': 15_733_761,
} as const;

describe('buildModel', () => {
  it.each(Object.entries(LAB_COUNTS))('%s: TF.js countParams = static count = Keras (%i)', (name, count) => {
    const spec = fixture(name);
    const inferred = inferShapes(spec);
    const model = buildModel(spec, { seed: 1 });
    try {
      expect(inferred.totalParams).toBe(count);
      expect(model.countParams()).toBe(count);
      expect(model.layers.map((l) => l.name)).toEqual(inferred.layers.map((l) => l.name));
      expect(model.layers.map((l) => l.getClassName())).toEqual(inferred.layers.map((l) => l.type));
      expect(model.layers.map((l) => l.outputShape)).toEqual(inferred.layers.map((l) => l.outputShape));
    } finally {
      model.dispose();
    }
  });

  it('is deterministic per seed, with Keras defaults (glorotUniform kernel, zero bias)', () => {
    const spec = fixture('small');
    const [a, b, c] = [buildModel(spec, { seed: 7 }), buildModel(spec, { seed: 7 }), buildModel(spec, { seed: 8 })];
    const kernel = (m: typeof a) => m.layers[0]!.getWeights()[0]!.dataSync();
    expect(Array.from(kernel(a))).toEqual(Array.from(kernel(b)));
    expect(Array.from(kernel(a))).not.toEqual(Array.from(kernel(c)));
    // Layers draw from different streams: the two 16×16-capable layers do not repeat the same values.
    expect(a.layers[1]!.getWeights()[0]!.dataSync().slice(0, 16)).not.toEqual(kernel(a).slice(0, 16));
    // glorot_uniform limit = sqrt(6 / (fan_in + fan_out)) = sqrt(6 / 44) for Dense(28 → 16).
    const limit = Math.sqrt(6 / 44);
    const w = kernel(a);
    expect(Math.max(...Array.from(w, Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...Array.from(w, Math.abs))).toBeGreaterThan(0.9 * limit);
    expect(Array.from(a.layers[0]!.getWeights()[1]!.dataSync())).toEqual(new Array(16).fill(0));
    for (const m of [a, b, c]) m.dispose();
  });

  it('passes the L2 penalty through: l2·Σw² over every regularized kernel', () => {
    const model = buildModel(fixture('l2'), { seed: 3 });
    const penalty = model.layers.flatMap((l) => l.calculateLosses()).map((t) => t.dataSync()[0]!).reduce((x, y) => x + y, 0);
    let expected = 0;
    for (const layer of model.layers.slice(0, 4)) {
      const w = layer.getWeights()[0]!.dataSync();
      expected += 0.001 * Array.from(w).reduce((s, v) => s + v * v, 0);
    }
    expect(penalty).toBeCloseTo(expected, 4);
    // The output layer has no regularizer: 4 penalties for 5 Dense layers.
    expect(model.layers.flatMap((l) => l.calculateLosses())).toHaveLength(4);
    model.dispose();
  });

  it('maps activations as Keras 3: leakyRelu slope 0.2, exact gelu, elu', () => {
    const one = (activation: 'leakyRelu' | 'gelu' | 'elu'): ModelSpec => ({
      inputShape: [1],
      layers: [{ type: 'Dense', units: 1, activation, kernelInitializer: 'ones' }],
    });
    const out = (spec: ModelSpec, x: number[]) => {
      const model = buildModel(spec, { seed: 0 });
      const y = tf.tidy(() => Array.from((model.predict(tf.tensor2d(x, [x.length, 1])) as tf.Tensor).dataSync()));
      model.dispose();
      return y;
    };
    // keras.activations.leaky_relu([-5, 2]) = [-1, 2]; gelu(1) = Φ(1) = 0.8413447; elu(-1) = e^-1 − 1.
    expect(out(one('leakyRelu'), [-5, 2])).toEqual([-1, 2]);
    expect(out(one('gelu'), [1])[0]).toBeCloseTo(0.8413447460685429, 6);
    expect(out(one('elu'), [-1])[0]).toBeCloseTo(Math.exp(-1) - 1, 6);
  });

  it('handles Flatten of a 1-D sample, Dense on 3-D inputs and Reshape with -1 as Keras does', () => {
    const spec: ModelSpec = {
      inputShape: [6],
      layers: [{ type: 'Flatten' }, { type: 'Reshape', targetShape: [-1, 2] }, { type: 'Dense', units: 4 }, { type: 'Flatten' }, { type: 'Dense', units: 1 }],
    };
    const model = buildModel(spec, { seed: 0 });
    expect(model.layers.map((l) => l.outputShape)).toEqual([[null, 6], [null, 3, 2], [null, 3, 4], [null, 12], [null, 1]]);
    expect(model.countParams()).toBe(inferShapes(spec).totalParams);
    expect(model.countParams()).toBe(2 * 4 + 4 + 12 + 1);
    const y = tf.tidy(() => (model.predict(tf.ones([5, 6])) as tf.Tensor).shape);
    expect(y).toEqual([5, 1]);
    model.dispose();
  });
});
