import { checkOutputPair } from './check-outputs.js';

/** Keras' `backend.epsilon()`: probabilities are clipped to [ε, 1 − ε] before the log. */
export const KERAS_EPSILON = 1e-7;

export interface BinaryCrossentropyOptions {
  /** Outputs are logits (the lab's `Dense(1)` without activation), not probabilities. */
  fromLogits?: boolean;
}

/**
 * Mean binary cross-entropy over samples, as Keras' `binary_crossentropy` metric (float64 here).
 *
 * From logits x with label z (TensorFlow's `sigmoid_cross_entropy_with_logits`, stable for any x):
 *   `bce = max(x, 0) − x·z + log1p(exp(−|x|))`
 * From probabilities p, clipped as Keras 3 does to `p' = clip(p, ε, 1 − ε)` with ε = 1e-7:
 *   `bce = −(z·log(p') + (1 − z)·log(1 − p'))`
 * Result: `mean(bce)` over all samples. Labels may be soft (any value in [0, 1]).
 */
export function binaryCrossentropy(
  labels: ArrayLike<number>,
  outputs: ArrayLike<number>,
  { fromLogits = false }: BinaryCrossentropyOptions = {},
): number {
  checkOutputPair(labels, outputs);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const z = labels[i] as number;
    const y = outputs[i] as number;
    if (fromLogits) {
      sum += Math.max(y, 0) - y * z + Math.log1p(Math.exp(-Math.abs(y)));
    } else {
      const p = Math.min(Math.max(y, KERAS_EPSILON), 1 - KERAS_EPSILON);
      sum += -(z * Math.log(p) + (1 - z) * Math.log(1 - p));
    }
  }
  return sum / labels.length;
}
