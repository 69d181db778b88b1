import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers every gradient in TF.js' global registry, as in real training.
import '@tensorflow/tfjs-layers';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { isFitcheckError } from '../errors.js';
import { backendInfo, initBackend } from './init-backend.js';

/** Seeded values in [-1, 1): the same numbers on every backend and every run. */
function seeded(seed: number, n: number): Float32Array {
  const rng = xoroshiro128plus(seed);
  return Float32Array.from({ length: n }, () => 2 * uniformFloat64(rng) - 1);
}

const BATCH = 8;
const IN = 5;
const HIDDEN = 16;
const x = seeded(1, BATCH * IN);
const y = Float32Array.from({ length: BATCH }, (_v, i) => i % 2);
const w1 = seeded(2, IN * HIDDEN).map((v) => v * 0.5);
const b1 = seeded(3, HIDDEN).map((v) => v * 0.1);
const w2 = seeded(4, HIDDEN).map((v) => v * 0.5);
const b2 = new Float32Array([0.05]);

/** float64 reference of the forward pass: mean BCE-from-logits of Dense(16, elu) → Dense(1). */
function referenceLoss(): number {
  let total = 0;
  for (let n = 0; n < BATCH; n++) {
    let logit = b2[0] ?? 0;
    for (let h = 0; h < HIDDEN; h++) {
      let z = b1[h] ?? 0;
      for (let i = 0; i < IN; i++) z += (x[n * IN + i] ?? 0) * (w1[i * HIDDEN + h] ?? 0);
      const a = z > 0 ? z : Math.expm1(z);
      logit += a * (w2[h] ?? 0);
    }
    const t = y[n] ?? 0;
    total += Math.max(logit, 0) - logit * t + Math.log1p(Math.exp(-Math.abs(logit)));
  }
  return total / BATCH;
}

/** One seeded training step on the active backend: loss before, and every weight after Adam. */
function oneAdamStep(): { loss: number; weights: Float32Array[] } {
  const vars = [
    tf.variable(tf.tensor2d(w1, [IN, HIDDEN])), tf.variable(tf.tensor1d(b1)),
    tf.variable(tf.tensor2d(w2, [HIDDEN, 1])), tf.variable(tf.tensor1d(b2)),
  ];
  const [v1, vb1, v2, vb2] = vars as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const xs = tf.tensor2d(x, [BATCH, IN]);
  const ys = tf.tensor2d(y, [BATCH, 1]);
  const optimizer = tf.train.adam(0.01);
  const { value, grads } = tf.variableGrads(() => {
    const hidden = tf.elu(tf.add(tf.matMul(xs, v1), vb1));
    const logits = tf.add(tf.matMul(hidden, v2), vb2);
    return tf.losses.sigmoidCrossEntropy(ys, logits) as tf.Scalar;
  });
  optimizer.applyGradients(grads as Record<string, tf.Variable>);
  const result = { loss: value.dataSync()[0] ?? NaN, weights: vars.map((v) => v.dataSync() as Float32Array) };
  tf.dispose([value, xs, ys, ...Object.values(grads), ...vars]);
  optimizer.dispose();
  return result;
}

describe('initBackend', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('picks wasm here (tfjs-node has no native binding) with the fast kernels on, and is idempotent', async () => {
    delete process.env.FITCHECK_BACKEND;
    const info = await initBackend({ threads: 1 });
    expect(info).toMatchObject({ name: 'wasm', threads: 1, fastKernels: true, version: '4.22.0' });
    expect(tf.getBackend()).toBe('wasm');
    expect(await initBackend()).toEqual(info);
    expect(backendInfo()).toEqual(info);
  });

  it('takes the same seeded Adam step on wasm and on cpu, matching a float64 reference loss', async () => {
    await initBackend({ backend: 'wasm', threads: 1 });
    const onWasm = oneAdamStep();
    const cpu = await initBackend({ backend: 'cpu' });
    expect(cpu).toMatchObject({ name: 'cpu', threads: 1, fastKernels: false });
    const onCpu = oneAdamStep();

    expect(onWasm.loss).toBeCloseTo(referenceLoss(), 5);
    expect(onCpu.loss).toBeCloseTo(referenceLoss(), 5);
    // One Adam step moves each weight by about lr = 0.01; the backends must agree far below that.
    for (const [i, wasmWeights] of onWasm.weights.entries()) {
      const cpuWeights = onCpu.weights[i] ?? new Float32Array();
      expect(wasmWeights.length).toBe(cpuWeights.length);
      for (const [j, v] of wasmWeights.entries()) expect(Math.abs(v - (cpuWeights[j] ?? NaN))).toBeLessThan(1e-5);
    }
    // And the step did move every weight (Adam's first step is ±lr wherever the gradient is non-zero).
    expect(Math.abs((onCpu.weights[0]?.[0] ?? 0) - (w1[0] ?? 0))).toBeCloseTo(0.01, 4);
  });

  it('fails with BACKEND_UNAVAILABLE and a hint when the forced backend cannot load', async () => {
    process.env.FITCHECK_BACKEND = 'node';
    const error = await initBackend().catch((e: unknown) => e);
    expect(isFitcheckError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect((error as { message: string }).message).toMatch(/native binding/);
    expect((error as { hint?: string }).hint).toMatch(/FITCHECK_BACKEND=wasm/);
  });

  it('rejects an unknown FITCHECK_BACKEND by name', async () => {
    process.env.FITCHECK_BACKEND = 'webgpu';
    await expect(initBackend()).rejects.toMatchObject({ code: 'INVALID_ENVIRONMENT', place: { key: 'FITCHECK_BACKEND' } });
  });

  // Before, each of these made the wasm start fail and training fell back to the 20× slower cpu backend without a word.
  it.each(['abc', '0', '-1', '1.5'])('refuses FITCHECK_THREADS=%s by name, whatever backend is active', async (value) => {
    process.env.FITCHECK_THREADS = value;
    const error = await initBackend().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ENVIRONMENT', place: { key: 'FITCHECK_THREADS' } });
    expect((error as Error).message).toBe(`FITCHECK_THREADS=${JSON.stringify(value)} is not a number of threads`);
    expect((error as { hint?: string }).hint).toBe("set it to a whole number ≥ 1 (e.g. FITCHECK_THREADS=2) or 'auto', or unset FITCHECK_THREADS");
  });
});
