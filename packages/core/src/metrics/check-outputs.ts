import { FitcheckError } from '../errors.js';

/** Labels and model outputs must pair up one to one, and be non-empty (a mean of nothing is NaN). */
export function checkOutputPair(labels: ArrayLike<number>, outputs: ArrayLike<number>): void {
  if (labels.length !== outputs.length) {
    throw new FitcheckError(
      'BAD_METRIC_INPUT',
      `${labels.length} labels but ${outputs.length} outputs`,
      {},
      'flatten the model output (shape [n, 1]) to one value per sample',
    );
  }
  if (labels.length === 0) {
    throw new FitcheckError('BAD_METRIC_INPUT', 'no samples: labels and outputs are empty');
  }
}
