import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradients, as in training
import { AdamWithSchedule } from '../training/adam-with-schedule.js';
import { FUSED_ADAM } from './kernels/adam-kernel.js';
import { fastKernelsInstalled } from './fast-kernels.js';
import { initBackend } from './init-backend.js';
import { EXPECTED_WASM_INTERNALS, probeWasmInternals, xnnpackColumnMatches } from './wasm-internals.js';

/** Undo every internal a test breaks on purpose. */
const restore: (() => void)[] = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
  vi.restoreAllMocks();
});

/** Replace a member of a real object (undefined: as if a release had renamed it) until the test ends. */
function replace(target: object, name: string, value: unknown = undefined): void {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
  restore.push(() => {
    if (own === undefined) delete (target as Record<string, unknown>)[name];
    else Object.defineProperty(target, name, own);
  });
}

/** Two Adam steps of a 3×4 Dense kernel; returns the weights after them. */
function twoSteps(optimizer: tf.Optimizer, beforeStep: (step: number) => void = () => {}): Float32Array {
  const w = tf.variable(tf.tensor2d([0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 0.15, 0.25, -0.35], [3, 4]));
  const x = tf.tensor2d([1, 2, 3, -1, 0.5, 2], [2, 3]);
  for (let i = 0; i < 2; i++) {
    beforeStep(i);
    optimizer.minimize(() => tf.mean(tf.square(tf.matMul(x, w))) as tf.Scalar);
  }
  const out = w.dataSync() as Float32Array;
  tf.dispose([w, x]);
  optimizer.dispose();
  return out;
}

// One file, one process state: the first test starts the backend with an internal broken.
describe('the fast kernels step aside when an internal they use is not as expected', () => {
  it('falls back to the stock kernels, with one line saying why, when a probe fails at start', async () => {
    replace(tf.AdamOptimizer.prototype, 'incrementIterations');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const info = await initBackend({ backend: 'wasm', threads: 1 });
    expect(info.name).toBe('wasm');
    expect(info.fastKernels).toBe(false);
    expect(info.gemm).toBeUndefined();
    expect(fastKernelsInstalled()).toBe(false);
    expect(tf.getKernel(FUSED_ADAM, 'wasm')).toBeUndefined();
    const lines = stderr.mock.calls.map(([text]) => String(text)).filter((t) => t.startsWith('fitcheck:'));
    expect(lines).toEqual([
      'fitcheck: tfjs-backend-wasm is not what fitcheck\'s kernels expect (tf.AdamOptimizer has no incrementIterations); '
      + 'training on its stock kernels\n',
    ]);
    // Probed once: a later start neither probes nor says it again, and keeps the stock kernels.
    await initBackend({ backend: 'wasm', threads: 1 });
    expect(stderr.mock.calls.filter(([text]) => String(text).startsWith('fitcheck:'))).toHaveLength(1);
    expect(fastKernelsInstalled()).toBe(false);
  });

  it('trains on the stock kernels then: AdamWithSchedule takes TF.js\' own Adam, to the same bits', () => {
    const ours = twoSteps(new AdamWithSchedule(() => 0.01));
    const stockOpt = new tf.AdamOptimizer(0.01, 0.9, 0.999, 1e-7);
    // Keras' ε on TF.js' formula, as AdamWithSchedule sets it: ε / √(1 − β₂ⁿ) at step n.
    const stock = twoSteps(stockOpt, (step) => { (stockOpt as unknown as { epsilon: number }).epsilon = 1e-7 / Math.sqrt(1 - 0.999 ** (step + 1)); });
    expect(Buffer.from(ours.buffer).equals(Buffer.from(stock.buffer))).toBe(true);
    expect(ours[0]).not.toBeCloseTo(0.1, 3); // it did train
  });

  it('passes on the installed tfjs-backend-wasm once nothing is broken', () => {
    expect(probeWasmInternals()).toEqual({ ok: true });
    // XNNPACK's one-column product is the one the fused step repeats for batches of any row count.
    expect(xnnpackColumnMatches()).toBe(true);
  });

  it('names each kind of mismatch: version, kernels, heap methods, Adam fields', () => {
    expect(probeWasmInternals({ ...EXPECTED_WASM_INTERNALS, version: '4.23.0' }))
      .toEqual({ ok: false, mismatch: 'tfjs-backend-wasm is 4.22.0, not 4.23.0' });
    expect(probeWasmInternals({ ...EXPECTED_WASM_INTERNALS, kernels: ['BatchMatMul', 'FitcheckNoSuchKernel'] }))
      .toEqual({ ok: false, mismatch: 'wasm registers no FitcheckNoSuchKernel kernel' });
    expect(probeWasmInternals({ ...EXPECTED_WASM_INTERNALS, adamFields: ['accBeta1', 'accumulatedGradients'] }))
      .toEqual({ ok: false, mismatch: 'tf.AdamOptimizer has no accumulatedGradients field' });
    replace(tf.findBackend('wasm') as object, 'makeOutput');
    expect(probeWasmInternals()).toEqual({ ok: false, mismatch: 'the wasm backend has no makeOutput method' });
  });

  it('catches stock C functions that are gone or do not give their kernels\' values when called by tensor id', () => {
    expect(probeWasmInternals({ ...EXPECTED_WASM_INTERNALS, stockFunctions: ['Exp', 'FitcheckNoSuchFunction'] }))
      .toEqual({ ok: false, mismatch: 'the wasm module exports no FitcheckNoSuchFunction' });
    const backend = tf.findBackend('wasm') as unknown as { wasm: { cwrap(name: string, r: null, a: string[]): (...args: number[]) => void } };
    const cwrap = backend.wasm.cwrap.bind(backend.wasm);
    // As if a release had moved the dtype argument of Log1p: the id of the output lands elsewhere.
    replace(backend.wasm, 'cwrap', (name: string, r: null, a: string[]) => {
      const real = cwrap(name, r, a);
      return name === 'Log1p' ? (x: number, dtype: number, out: number) => real(x, out, dtype) : real;
    });
    expect(probeWasmInternals()).toEqual({ ok: false, mismatch: 'calling log1p by tensor id does not give the log1p kernel\'s values' });
  });

  it('catches a memory that does not hold the tensors where dataIdMap says', () => {
    type Module = { wasmMemory?: WebAssembly.Memory; asm?: { memory?: WebAssembly.Memory } };
    const backend = tf.findBackend('wasm') as unknown as { wasm: Module };
    const real = backend.wasm;
    const pages = (real.wasmMemory ?? real.asm?.memory)!.buffer.byteLength / 65_536;
    // The same module, except that the memory it shows is another one of the same size.
    const other = Object.create(real, { wasmMemory: { value: new WebAssembly.Memory({ initial: pages }) } }) as Module;
    replace(backend, 'wasm', other);
    expect(probeWasmInternals()).toEqual({ ok: false, mismatch: 'a tensor is not where dataIdMap says in the heap' });
  });
});
