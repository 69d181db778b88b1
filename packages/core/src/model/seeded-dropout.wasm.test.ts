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
