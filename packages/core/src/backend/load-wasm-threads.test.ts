import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { startWasm } from './load-wasm.js';

// One process starts wasm once: this file starts the threaded build, load-wasm-fallback.test.ts the fallback.
describe('startWasm with threads', () => {
  it('starts the threaded SIMD build under Node with two XNNPACK threads and multiplies like cpu', async () => {
    const start = await startWasm(2);
    expect(start).toEqual({ threads: 2, shared: true, version: '4.22.0' });
    expect(tf.getBackend()).toBe('wasm');

    // Big enough for XNNPACK to split the work between both threads.
    const a = tf.randomUniform([256, 192], -1, 1, 'float32', 7);
    const b = tf.randomUniform([192, 160], -1, 1, 'float32', 8);
    const onWasm = tf.matMul(a, b).dataSync();
    await tf.setBackend('cpu');
    const onCpu = tf.matMul(tf.tensor(a.dataSync(), a.shape), tf.tensor(b.dataSync(), b.shape)).dataSync();
    await tf.setBackend('wasm');
    expect(onWasm.length).toBe(256 * 160);
    let worst = 0;
    for (const [i, v] of onWasm.entries()) worst = Math.max(worst, Math.abs(v - (onCpu[i] ?? NaN)));
    expect(worst).toBeLessThan(1e-4);
  });
});
