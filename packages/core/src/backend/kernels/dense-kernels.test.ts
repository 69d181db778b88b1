import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradients, as in training
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { installFastKernels, uninstallFastKernels } from '../fast-kernels.js';
import { startWasm, wasmHeap } from '../load-wasm.js';
import { startKernels } from './engine.js';
import type { KernelEngine } from './engine.js';

function seeded(seed: number, shape: number[]): tf.Tensor {
  const rng = xoroshiro128plus(seed);
  const n = shape.reduce((p, d) => p * d, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => 2 * uniformFloat64(rng) - 1), shape);
}

let engine: KernelEngine;
beforeAll(async () => {
  await startWasm(1);
  engine = await startKernels({ ...wasmHeap(), threads: 1 });
});
afterAll(async () => {
  installFastKernels();
  await engine.dispose();
});

/** f with the stock kernels and with fitcheck's: same shape and the same bits. */
function sameAsStock(f: () => tf.Tensor): number[] {
  uninstallFastKernels();
  const stock = f();
  installFastKernels(engine);
  const ours = f();
  expect(ours.shape).toEqual(stock.shape);
  expect(ours.dtype).toBe(stock.dtype);
  expect(Buffer.from(ours.dataSync().buffer).equals(Buffer.from(stock.dataSync().buffer))).toBe(true);
  const shape = ours.shape;
  tf.dispose([stock, ours]);
  return shape;
}

describe('Dense-layer kernels on wasm', () => {
  // 37×13: rows and a width that leaves a scalar tail after the four-wide body.
  it.each([
    [[37, 13], 0, false, [13]], [[37, 13], -2, true, [1, 13]], [[500, 1], [0], false, [1]], [[37, 13], 1, false, [37]],
    [[2, 3, 4], 0, false, [3, 4]],
  ] as const)('Sum of %j over axis %j (keepDims %s) equals the stock kernel', (shape, axis, keepDims, expected) => {
    const x = seeded(1, [...shape]);
    expect(sameAsStock(() => tf.sum(x, axis as number | number[], keepDims))).toEqual(expected);
  });

  it.each([
    [[5, 6], [6]], [[6], [5, 6]], [[1, 5, 8], [8]], [[4, 7], [4, 7]], [[3, 1], [1]],
  ] as const)('Add of %j and %j equals the stock kernel', (sa, sb) => {
    const a = seeded(2, [...sa]);
    const b = seeded(3, [...sb]);
    sameAsStock(() => tf.add(a, b));
  });

  it('leaves integer sums to the stock kernels', () => {
    const i = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
    installFastKernels(engine);
    expect(tf.sum(i, 0).arraySync()).toEqual([4, 6]);
    expect(tf.add(i, tf.tensor1d([10, 20], 'int32')).arraySync()).toEqual([[11, 22], [13, 24]]);
  });

  it('EluGrad equals the stock kernel to the bit, NaN, ±0 and the odd tail included', () => {
    const z = tf.concat([tf.reshape(tf.mul(seeded(7, [2, 37]), 3), [-1]), tf.tensor1d([0, -0, Number.NaN, -1e-8, 1e-8, -88])]);
    const dy = seeded(8, z.shape);
    sameAsStock(() => {
      const [dz] = tf.grads((zi: tf.Tensor) => tf.mul(tf.elu(zi), dy))([z]);
      return dz as tf.Tensor;
    });
  });

  it('Elu is within 2 ulp of eˣ − 1 everywhere, and keeps NaN, ±0, ∞ and the positive side exact', () => {
    installFastKernels(engine);
    const sweep = Array.from({ length: 4001 }, (_, i) => -20 + i * 0.00625); // −20 … 5
    const special = [0, -0, Number.NaN, -Infinity, Infinity, -1e-30, -1e-8, -1e-4, -17.9, -18, -18.5, -88, 3.5e38];
    const xs = Float32Array.from([...sweep, ...special]);
    const ys = tf.elu(tf.tensor1d(xs)).dataSync();
    const ulp = (y: number): number => {
      const bits = new Float32Array([Math.abs(y)]);
      const next = new Uint32Array(bits.buffer);
      next[0]! += 1;
      return bits[0]! - Math.abs(y) || Number.MIN_VALUE;
    };
    for (const [i, x] of xs.entries()) {
      const y = ys[i]!;
      if (Number.isNaN(x)) expect(y).toBeNaN();
      else if (x >= 0) expect(Object.is(y, x)).toBe(true);
      else {
        const exact = Math.expm1(x);
        expect(Math.abs(y - exact), `elu(${x})`).toBeLessThanOrEqual(2 * ulp(Math.fround(exact)));
      }
    }
  });

  it("Elu's values and gradient agree with the stock kernels within float32 rounding", () => {
    const z = tf.mul(seeded(9, [3, 41]), 4);
    uninstallFastKernels();
    const stock = tf.elu(z).dataSync();
    installFastKernels(engine);
    const ours = tf.elu(z).dataSync();
    for (const [i, v] of ours.entries()) expect(Math.abs(v - stock[i]!)).toBeLessThan(1e-6);
  });

  it("gives a Dense layer's bias gradient equal to the stock kernels'", () => {
    const z = seeded(4, [9, 8]);
    const bias = seeded(6, [8]);
    sameAsStock(() => {
      const [db] = tf.grads((bi: tf.Tensor) => tf.sum(tf.square(tf.add(z, bi))))([bias]);
      return db as tf.Tensor;
    });
  });
});
