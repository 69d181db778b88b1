import { checkLabelPair, type Label } from './labels.js';

/**
 * scikit-learn's `accuracy_score` for label arrays: the fraction of exact matches,
 *   `accuracy = (1/n) · Σᵢ [yTrueᵢ = yPredᵢ]`.
 */
export function accuracyScore(yTrue: ArrayLike<Label>, yPred: ArrayLike<Label>): number {
  const { yTrue: t, yPred: p } = checkLabelPair(yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) correct += 1;
  return correct / t.length;
}
