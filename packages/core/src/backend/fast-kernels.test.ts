import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradients, as in training
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { startWasm, wasmHeap } from './load-wasm.js';
import { startKernels } from './kernels/engine.js';
import type { KernelEngine } from './kernels/engine.js';
import {
  fastKernelsEngine, installFastKernels, fastKernelsInstalled, uninstallFastKernels,
} from './fast-kernels.js';

/** The engine the fixed kernels run with in the current suite (undefined: XNNPACK only). */
let engine: KernelEngine | undefined;

function seeded(seed: number, shape: number[]): tf.Tensor {
  const rng = xoroshiro128plus(seed);
  const n = shape.reduce((p, d) => p * d, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => 2 * uniformFloat64(rng) - 1), shape);
}

/** Run `f` with the stock wasm kernels and with the fix; return both results as flat arrays. */
function bothWays(f: () => tf.Tensor): { stock: Float32Array; fixed: Float32Array; shape: number[] } {
  uninstallFastKernels();
  const stockTensor = f();
  installFastKernels(engine);
  const ids = (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();
  const fixedTensor = f();
  // The fix frees its transposed copies: exactly one new buffer (the output) stays alive.
  expect((tf.engine().backend as unknown as { numDataIds(): number }).numDataIds()).toBe(ids + 1);
  expect(fixedTensor.shape).toEqual(stockTensor.shape);
  const result = {
    stock: stockTensor.dataSync() as Float32Array, fixed: fixedTensor.dataSync() as Float32Array, shape: fixedTensor.shape,
  };
  tf.dispose([stockTensor, fixedTensor]);
  return result;
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (const [i, v] of actual.entries()) worst = Math.max(worst, Math.abs(v - (expected[i] ?? NaN)));
  expect(worst).toBeLessThan(1e-5);
}

/** float64 product of row-major [batch, m, k]·[batch, k, n] (batch of b broadcast when 1). */
function reference(a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean): Float32Array {
  const [ba, ra, ca] = a.shape.length === 3 ? a.shape : [1, ...a.shape];
  const [bb, rb, cb] = b.shape.length === 3 ? b.shape : [1, ...b.shape];
  const av = a.dataSync();
  const bv = b.dataSync();
  const m = ta ? ca! : ra!;
  const k = ta ? ra! : ca!;
  const n = tb ? rb! : cb!;
  const batch = Math.max(ba!, bb!);
  const out = new Float32Array(batch * m * n);
  for (let p = 0; p < batch; p++) {
    const offA = (ba === 1 ? 0 : p) * ra! * ca!;
    const offB = (bb === 1 ? 0 : p) * rb! * cb!;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) {
          const x = av[offA + (ta ? q * ca! + i : i * ca! + q)] ?? NaN;
          const y = bv[offB + (tb ? j * cb! + q : q * cb! + j)] ?? NaN;
          s += x * y;
        }
        out[p * m * n + i * n + j] = s;
      }
    }
  }
  return out;
}

const COMBOS = [[false, false], [false, true], [true, false], [true, true]] as const;

let gemm: KernelEngine | undefined;
beforeAll(async () => {
  await startWasm(1);
  gemm = await startKernels({ ...wasmHeap(), threads: 1 });
});
afterAll(async () => {
  installFastKernels();
  await gemm?.dispose();
});

describe.each(['XNNPACK', 'fitcheck GEMM'] as const)('fixed matmul kernels on wasm, products on %s', (products) => {
  beforeAll(() => {
    engine = products === 'XNNPACK' ? undefined : gemm;
    installFastKernels(engine);
  });

  it('is installed and can be removed and installed again', () => {
    expect(fastKernelsInstalled()).toBe(true);
    expect(fastKernelsEngine()).toBe(engine);
    uninstallFastKernels();
    expect(fastKernelsInstalled()).toBe(false);
    expect(fastKernelsEngine()).toBeUndefined();
    expect(installFastKernels(engine)).toBe(true);
    expect(installFastKernels(engine)).toBe(true);
    expect(fastKernelsInstalled()).toBe(true);
    expect(fastKernelsEngine()).toBe(engine);
  });

  // N a multiple of 4 and no batch: the shapes fitcheck's GEMM takes (the others fall back).
  it.each(COMBOS)('BatchMatMul of GEMM shapes (rank 2 and 3), transposeA=%s transposeB=%s', (ta, tb) => {
    const a = seeded(11, ta ? [37, 9] : [9, 37]);
    const b = seeded(12, tb ? [12, 37] : [37, 12]);
    const before = engine?.products ?? 0;
    const flat = bothWays(() => tf.matMul(a, b, ta, tb));
    expect(engine?.products ?? 0).toBe(engine === undefined ? 0 : before + 1);
    expect(flat.shape).toEqual([9, 12]);
    expectClose(flat.fixed, flat.stock);
    expectClose(flat.fixed, reference(a, b, ta, tb));
    const a3 = tf.reshape(a, [1, ...a.shape]);
    const b3 = tf.reshape(b, [1, ...b.shape]);
    const batched = bothWays(() => tf.matMul(a3, b3, ta, tb));
    expect(batched.shape).toEqual([1, 9, 12]);
    expectClose(batched.fixed, reference(a, b, ta, tb));
  });

  it.each(COMBOS)('BatchMatMul rank 2, transposeA=%s transposeB=%s, equals the stock kernel and float64', (ta, tb) => {
    const a = seeded(1, ta ? [7, 5] : [5, 7]);
    const b = seeded(2, tb ? [3, 7] : [7, 3]);
    const { stock, fixed, shape } = bothWays(() => tf.matMul(a, b, ta, tb));
    expect(shape).toEqual([5, 3]);
    expectClose(fixed, stock);
    expectClose(fixed, reference(a, b, ta, tb));
  });

  it.each(COMBOS)('BatchMatMul with batch dims (and a broadcast batch), transposeA=%s transposeB=%s', (ta, tb) => {
    const a = seeded(3, ta ? [4, 6, 5] : [4, 5, 6]);
    const b = seeded(4, tb ? [4, 3, 6] : [4, 6, 3]);
    const same = bothWays(() => tf.matMul(a, b, ta, tb));
    expect(same.shape).toEqual([4, 5, 3]);
    expectClose(same.fixed, same.stock);
    expectClose(same.fixed, reference(a, b, ta, tb));

    const b1 = seeded(5, tb ? [1, 3, 6] : [1, 6, 3]);
    const broadcast = bothWays(() => tf.matMul(a, b1, ta, tb));
    expect(broadcast.shape).toEqual([4, 5, 3]);
    expectClose(broadcast.fixed, broadcast.stock);
    expectClose(broadcast.fixed, reference(a, b1, ta, tb));
  });

  // A one-unit Dense layer: N = 1, which the GEMM computes as a row (M % 4 == 0).
  it.each(COMBOS)('BatchMatMul with one output column, transposeA=%s transposeB=%s', (ta, tb) => {
    const a = seeded(13, ta ? [21, 8] : [8, 21]);
    const b = seeded(14, tb ? [1, 21] : [21, 1]);
    const before = engine?.products ?? 0;
    const { stock, fixed, shape } = bothWays(() => tf.matMul(a, b, ta, tb));
    expect(engine?.products ?? 0).toBe(engine === undefined ? 0 : before + 1);
    expect(shape).toEqual([8, 1]);
    expectClose(fixed, stock);
    expectClose(fixed, reference(a, b, ta, tb));
  });

  // Stock wasm 4.22 gets a fused bias wrong whenever it takes its slow path (a transposed operand, or a
  // batch larger than 1): the fix is checked against float64 there, and against stock only without bias.
  const ACTIVATIONS: Record<string, (z: number) => number> = {
    linear: (z) => z, relu: (z) => Math.max(z, 0), elu: (z) => (z > 0 ? z : Math.expm1(z)),
    sigmoid: (z) => 1 / (1 + Math.exp(-z)), leakyrelu: (z) => (z > 0 ? z : 0.3 * z),
  };
  it.each([
    ['relu', false, true, true], ['elu', true, false, true], ['sigmoid', true, true, true],
    ['leakyrelu', false, true, true], ['linear', true, true, true], ['relu', true, false, false], ['elu', false, true, false],
  ] as const)('_FusedMatMul + %s, transposeA=%s transposeB=%s, bias %s', (activation, ta, tb, withBias) => {
    const a = seeded(6, ta ? [1, 9, 4] : [1, 4, 9]);
    const b = seeded(7, tb ? [1, 6, 9] : [1, 9, 6]);
    const bias = seeded(8, [6]);
    const { stock, fixed, shape } = bothWays(() => tf.fused.matMul({
      a, b, transposeA: ta, transposeB: tb, activation, leakyreluAlpha: 0.3, ...(withBias ? { bias } : {}),
    }));
    expect(shape).toEqual([1, 4, 6]);
    if (!withBias) expectClose(fixed, stock);
    const biasValues = bias.dataSync();
    const act = ACTIVATIONS[activation] ?? ((_z: number) => NaN);
    const expected = reference(a, b, ta, tb).map((z, i) => act(z + (withBias ? (biasValues[i % 6] ?? NaN) : 0)));
    expectClose(fixed, expected);
  });

  it.each([
    ['elu', false, false, 8, true], ['relu', true, true, 8, true], ['sigmoid', false, true, 12, false],
    ['leakyrelu', true, false, 8, true], ['linear', false, false, 1, true], ['relu6', true, false, 1, true],
  ] as const)('_FusedMatMul of GEMM shapes + %s, transposeA=%s transposeB=%s, N=%s, bias %s',
    (activation, ta, tb, n, withBias) => {
      const a = seeded(15, ta ? [1, 9, 4] : [1, 4, 9]);
      const b = seeded(16, tb ? [1, n, 9] : [1, 9, n]);
      const bias = seeded(17, [n]);
      const before = engine?.products ?? 0;
      const { fixed, shape } = bothWays(() => tf.fused.matMul({
        a, b, transposeA: ta, transposeB: tb, activation, leakyreluAlpha: 0.3, ...(withBias ? { bias } : {}),
      }));
      expect(engine?.products ?? 0).toBe(engine === undefined ? 0 : before + 1);
      expect(shape).toEqual([1, 4, n]);
      const biasValues = bias.dataSync();
      const activations: Record<string, (z: number) => number> = { ...ACTIVATIONS, relu6: (z) => Math.min(Math.max(z, 0), 6) };
      const act = activations[activation] ?? ((_z: number) => NaN);
      const expected = reference(a, b, ta, tb).map((z, i) => act(z + (withBias ? (biasValues[i % n] ?? NaN) : 0)));
      expectClose(fixed, expected);
    });

  it.each([
    ['float32 rows', [10, 3], 'float32', [3, 0, 9, 3], 0],
    ['int32 rows of a 3-D tensor', [6, 2, 2], 'int32', [5, 1], 0],
    ['columns (the stock kernel)', [4, 5], 'float32', [4, 0], 1],
  ] as const)('GatherV2 of %s equals the stock kernel', (_label, shape, dtype, picks, axis) => {
    const size = shape.reduce((p, d) => p * d, 1);
    const x = tf.tensor(Array.from({ length: size }, (_, i) => i * 1.5 - 7), [...shape], dtype);
    const indices = tf.tensor1d([...picks], 'int32');
    const { stock, fixed, shape: outShape } = bothWays(() => tf.gather(x, indices, axis));
    expect(outShape).toEqual(axis === 0 ? [picks.length, ...shape.slice(1)] : [shape[0], picks.length]);
    expect(Array.from(fixed)).toEqual(Array.from(stock));
  });

  it('GatherV2 whose output grows the heap (unshared with one thread: views of it detach) equals the stock kernel', () => {
    const heapBytes = () => wasmHeap().memory.buffer.byteLength;
    const row = 1 << 20;
    const x = tf.tensor(Float32Array.from({ length: 2 * row }, (_, i) => i % 977), [2, row]);
    // More rows than the heap has room for: the output's allocation must grow it.
    const picks = Array.from({ length: Math.ceil(heapBytes() / (4 * row)) + 2 }, (_, i) => i % 2);
    const indices = tf.tensor1d(picks, 'int32');
    const before = heapBytes();
    const { stock, fixed } = bothWays(() => tf.gather(x, indices));
    expect(heapBytes()).toBeGreaterThan(before);
    expect(fixed.length).toBe(picks.length * row);
    expect(fixed.every((v, i) => v === stock[i])).toBe(true);
    tf.dispose([x, indices]);
  });

  it('GatherV2 refuses an index out of range, as the stock kernel does', () => {
    const x = tf.ones([4, 2]);
    expect(() => tf.gather(x, tf.tensor1d([1, 4], 'int32'))).toThrow('GatherV2: the index value 4 is not in [0, 3]');
    expect(() => tf.gather(x, tf.tensor1d([-1], 'int32'))).toThrow('is not in [0, 3]');
  });

  it('clones by sharing the buffer, which outlives the original', () => {
    const backend = tf.engine().backend as unknown as { numDataIds(): number };
    const x = seeded(18, [3, 4]);
    const values = Array.from(x.dataSync());
    const ids = backend.numDataIds();
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(ids);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual(values);
    y.dispose();
    expect(backend.numDataIds()).toBe(ids - 1);
  });

  it("gives a Dense layer's gradients (Xᵀ·dY and dY·Wᵀ) equal to the stock kernels'", () => {
    const x = seeded(9, [12, 10]);
    const w = seeded(10, [10, 8]);
    const grads = (): tf.Tensor => {
      const [dx, dw] = tf.grads((xi: tf.Tensor, wi: tf.Tensor) => tf.sum(tf.square(tf.matMul(xi, wi))))([x, w]);
      return tf.concat([tf.reshape(dx as tf.Tensor, [-1]), tf.reshape(dw as tf.Tensor, [-1])]);
    };
    uninstallFastKernels();
    const stock = grads().dataSync() as Float32Array;
    installFastKernels(engine);
    const fixed = grads().dataSync() as Float32Array;
    expect(fixed.length).toBe(12 * 10 + 10 * 8);
    expectClose(fixed, stock);
  });
});
