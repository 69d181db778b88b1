import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { startWasm } from './load-wasm.js';

describe('startWasm fallback', () => {
  it('settles for one thread when the threaded build does not start in time, and still computes', async () => {
    // No worker can boot, load the module and report back within 1 ms: the threaded start is abandoned.
    const start = await startWasm(2, { timeoutMs: 1 });
    expect(start.threads).toBe(1);
    expect(start.threadsFallback).toMatch(/did not start within 1 ms/);
    expect(tf.getBackend()).toBe('wasm');
    // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]
    const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])).arraySync();
    expect(product).toEqual([[19, 22], [43, 50]]);
  });
});
