import { FitcheckError } from '../errors.js';
import { checkLabelPair, checkLabelsOption, uniqueLabels, type Label } from './labels.js';

export interface ConfusionMatrixOptions {
  /** Row/column order; may select a subset or add absent classes. Default: sorted labels present. */
  labels?: readonly Label[];
}

/**
 * scikit-learn's `confusion_matrix`: `C[i][j]` = number of samples whose true label is
 * `labels[i]` and predicted label is `labels[j]`. Samples with a true or predicted label outside
 * `labels` are left out. For binary 0/1 labels, `[[tn, fp], [fn, tp]]`.
 */
export function confusionMatrix(
  yTrue: ArrayLike<Label>,
  yPred: ArrayLike<Label>,
  options: ConfusionMatrixOptions = {},
): number[][] {
  if (options.labels !== undefined && yTrue.length === 0 && yPred.length === 0) {
    // sklearn: an empty sample with explicit labels is an all-zero matrix
    const n = options.labels.length;
    if (n === 0) throw new FitcheckError('BAD_METRIC_OPTION', "'labels' should contain at least one label");
    return Array.from({ length: n }, () => new Array<number>(n).fill(0));
  }
  const { yTrue: t, yPred: p, kind } = checkLabelPair(yTrue, yPred);
  let labels: Label[];
  if (options.labels === undefined) {
    labels = uniqueLabels(t, p);
  } else {
    labels = checkLabelsOption(options.labels, kind);
    const inTrue = new Set(t);
    if (!labels.some((l) => inTrue.has(l))) {
      throw new FitcheckError('BAD_METRIC_OPTION', 'at least one label specified must be in yTrue');
    }
  }
  const index = new Map<Label, number>();
  // a repeated label maps to its last position, as sklearn's dict comprehension does
  labels.forEach((l, i) => index.set(l, i));
  const n = labels.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < t.length; k++) {
    const i = index.get(t[k] as Label);
    const j = index.get(p[k] as Label);
    if (i === undefined || j === undefined) continue;
    (matrix[i] as number[])[j] = ((matrix[i] as number[])[j] as number) + 1;
  }
  return matrix;
}
