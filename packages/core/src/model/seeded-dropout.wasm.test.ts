import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededDropout } from './seeded-dropout.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

// wasm copies uploads, so SeededDropout refills one buffer for every mask: earlier outputs must not change.
describe('SeededDropout on wasm (reused mask buffer)', () => {
  it('keeps earlier outputs intact and replays the same masks for the same seed', () => {
    const x = tf.ones([50, 40]);
    const a = new SeededDropout({ rate: 0.5, seed: 21, layerIndex: 4 });
    const b = new SeededDropout({ rate: 0.5, seed: 21, layerIndex: 4 });
    const a1 = a.apply(x, { training: true }) as tf.Tensor;
    const a2 = a.apply(x, { training: true }) as tf.Tensor;
    const b1 = Array.from((b.apply(x, { training: true }) as tf.Tensor).dataSync());
    expect(Array.from(a1.dataSync())).toEqual(b1);
    expect(Array.from(a2.dataSync())).not.toEqual(b1);
    expect(new Set(b1)).toEqual(new Set([0, 2]));
    // A smaller (last) batch uses the front of the same buffer.
    const small = Array.from((a.apply(tf.ones([3, 40]), { training: true }) as tf.Tensor).dataSync());
    expect(small).toHaveLength(120);
    expect(new Set(small)).toEqual(new Set([0, 2]));
    tf.dispose([x, a1, a2]);
  });
});

describe('SeededDropout on fitcheck\'s mask kernel', () => {
  it('draws exactly the masks of the JS generator, and the stream continues across both', async () => {
    const { startKernels } = await import('../backend/kernels/engine.js');
    const { wasmHeap } = await import('../backend/load-wasm.js');
    const { installFastKernels, uninstallFastKernels } = await import('../backend/fast-kernels.js');
    const { DROPOUT_MASK } = await import('../backend/kernels/dropout-kernel.js');
    const engine = await startKernels({ ...wasmHeap(), threads: 1 });
    const shapes = [[50, 40], [7, 3], [1, 513]];
    try {
      installFastKernels(engine);
      expect(tf.getKernel(DROPOUT_MASK, 'wasm')).toBeDefined();
      const fast = new SeededDropout({ rate: 0.3, seed: 5, layerIndex: 2 });
      const fromKernel = shapes.map((s) => Array.from(fast.nextMask(s).dataSync()));
      uninstallFastKernels();
      expect(tf.getKernel(DROPOUT_MASK, 'wasm')).toBeUndefined();
      const js = new SeededDropout({ rate: 0.3, seed: 5, layerIndex: 2 });
      const fromJs = shapes.map((s) => Array.from(js.nextMask(s).dataSync()));
      expect(fromKernel).toEqual(fromJs);
      // The kernel handed the stream back: the next mask (now from JS) is the JS stream's next.
      expect(Array.from(fast.nextMask([9, 9]).dataSync())).toEqual(Array.from(js.nextMask([9, 9]).dataSync()));
      const kept = fromKernel[0]!.filter((v) => v !== 0);
      expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.7)]));
      expect(kept.length / 2000).toBeCloseTo(0.7, 1);
    } finally {
      installFastKernels();
      await engine.dispose();
    }
  });
});
