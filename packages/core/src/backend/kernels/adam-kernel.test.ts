import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { AdamWithSchedule } from '../../training/adam-with-schedule.js';
import { startWasm, wasmHeap } from '../load-wasm.js';
import { installFastKernels } from '../fast-kernels.js';
import { FUSED_ADAM } from './adam-kernel.js';
import { startKernels } from './engine.js';
import type { KernelEngine } from './engine.js';

function seeded(seed: number, shape: number[], scale = 1): tf.Tensor {
  const rng = xoroshiro128plus(seed);
  const n = shape.reduce((p, d) => p * d, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => scale * (2 * uniformFloat64(rng) - 1)), shape);
}

let engine: KernelEngine;
beforeAll(async () => {
  await startWasm(1);
  engine = await startKernels({ ...wasmHeap(), threads: 1 });
  installFastKernels(engine);
});
afterAll(async () => {
  installFastKernels();
  await engine.dispose();
});

describe('fused Adam on wasm', () => {
  it('is registered with the engine and gone without it', () => {
    expect(tf.getKernel(FUSED_ADAM, 'wasm')).toBeDefined();
    installFastKernels();
    expect(tf.getKernel(FUSED_ADAM, 'wasm')).toBeUndefined();
    installFastKernels(engine);
    expect(tf.getKernel(FUSED_ADAM, 'wasm')).toBeDefined();
  });

  // Shapes whose sizes are and are not multiples of four (the SIMD body and the scalar tail).
  const SHAPES = [[28, 16], [3, 5], [7], [1]];

  it("gives TF.js' own Adam to the bit: weights and both moments, over several steps", () => {
    const make = (tag: string) => SHAPES.map((s, i) => tf.variable(seeded(100 + i, s), true, `${tag}${i}`));
    const fused = make('fused');
    const stock = make('stock');
    const fusedOpt = new AdamWithSchedule(() => 0.001);
    const stockOpt = new tf.AdamOptimizer(0.001, 0.9, 0.999, 1e-7);
    const ids = () => (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();
    let before = 0;
    for (let step = 0; step < 5; step++) {
      if (step === 2) before = ids();
      // Keras' ε on TF.js' formula: AdamWithSchedule sets TF.js' ε to ε / √(1 − β₂ⁿ) every step.
      (stockOpt as unknown as { epsilon: number }).epsilon = 1e-7 / Math.sqrt(1 - 0.999 ** (step + 1));
      const grads = SHAPES.map((s, i) => seeded(1000 * step + i, s, 0.5));
      fusedOpt.applyGradients(fused.map((v, i) => ({ name: v.name, tensor: grads[i]! })));
      stockOpt.applyGradients(stock.map((v, i) => ({ name: v.name, tensor: grads[i]! })));
      tf.dispose(grads);
    }
    // Steps 3 and 4 allocate nothing that outlives them.
    expect(ids()).toBe(before);
    for (const [i, v] of fused.entries()) {
      expect(Buffer.from(v.dataSync().buffer).equals(Buffer.from(stock[i]!.dataSync().buffer)), v.name).toBe(true);
    }
    const moments = async (o: tf.Optimizer) => (await o.getWeights()).map((w) => w.tensor.dataSync());
    return Promise.all([moments(fusedOpt), moments(stockOpt)]).then(([a, b]) => {
      expect(a.length).toBe(b.length);
      for (const [i, w] of a.entries()) expect(Buffer.from(w.buffer).equals(Buffer.from(b[i]!.buffer))).toBe(true);
    });
  });

  it('moves only when there is a gradient and follows the schedule', () => {
    const w = tf.variable(tf.ones([4]), true, 'scheduled');
    const frozen = new AdamWithSchedule((step) => (step === 0 ? 0 : 0.1));
    frozen.applyGradients([{ name: w.name, tensor: tf.ones([4]) }]);
    expect(Array.from(w.dataSync())).toEqual([1, 1, 1, 1]);
    frozen.applyGradients([{ name: w.name, tensor: tf.ones([4]) }]);
    // Step 2 of Adam on a constant gradient moves each weight by about lr.
    for (const x of w.dataSync()) expect(x).toBeCloseTo(0.9, 5);
  });
});
