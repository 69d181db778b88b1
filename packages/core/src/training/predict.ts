import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { LabeledArrays } from './types.js';

/** The model's raw outputs (logits for the lab's models), one per sample, in inference mode and in batches. */
export async function predictLogits(
  model: tfl.LayersModel,
  data: Pick<LabeledArrays, 'x' | 'shape'>,
  batchSize = 500,
): Promise<Float32Array> {
  const n = data.shape[0] ?? 0;
  const perSample = data.shape.slice(1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const logits = tf.tidy(() => {
      const xb = tf.tensor(data.x.subarray(start * perSample, (start + size) * perSample), [size, ...data.shape.slice(1)]);
      return tf.reshape(model.apply(xb, { training: false }) as tf.Tensor, [size]);
    });
    out.set(await logits.data(), start);
    logits.dispose();
  }
  return out;
}
