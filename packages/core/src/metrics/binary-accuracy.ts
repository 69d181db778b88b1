import { checkOutputPair } from './check-outputs.js';

export interface BinaryAccuracyOptions {
  /** Outputs are logits: threshold at 0 (= sigmoid at 0.5). Otherwise probabilities, threshold 0.5. */
  fromLogits?: boolean;
}

/**
 * Fraction of samples whose thresholded output equals the label, as Keras' `binary_accuracy`:
 *   `mean(z == (y > t))`, with t = 0 for logits and t = 0.5 for probabilities.
 *
 * Keras' string metric `'accuracy'` on a `Dense(1)` without activation resolves to
 * `binary_accuracy` with threshold 0.5 applied to the raw logits, i.e. it counts sigmoid(x) > 0.62
 * as positive. fitcheck does not copy that quirk: thresholding logits at 0.5 is exactly the
 * mistake the grader flags in a student's classification report.
 */
export function binaryAccuracy(
  labels: ArrayLike<number>,
  outputs: ArrayLike<number>,
  { fromLogits = false }: BinaryAccuracyOptions = {},
): number {
  checkOutputPair(labels, outputs);
  const threshold = fromLogits ? 0 : 0.5;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = (outputs[i] as number) > threshold ? 1 : 0;
    if (predicted === labels[i]) correct += 1;
  }
  return correct / labels.length;
}
