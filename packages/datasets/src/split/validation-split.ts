import { integerSeed } from '../check-option.js';
import { DataError } from '../error-codes.js';
import type { LabeledArrays } from '../types.js';
import { seededGenerator, seededPermutation } from '@fitcheck/core/random';
import { takeRows } from './take-rows.js';

export interface ValidationSplitOptions {
  /** Share of the examples held out, in (0, 1). The held-out count is `ceil(fraction · n)`, as scikit-learn's `test_size`. */
  fraction: number;
  seed: number;
}

export interface ValidationSplitResult {
  train: LabeledArrays;
  validation: LabeledArrays;
  /** 0-based source rows of each part, ascending (each part keeps the file's order). */
  indices: { train: number[]; validation: number[] };
}

/**
 * A seeded random validation split (e.g. of the 209 cat training images, so that early stopping
 * never looks at the test set). Same data + same seed → the same split, on every machine.
 */
export function validationSplit(data: LabeledArrays, options: ValidationSplitOptions): ValidationSplitResult {
  const { fraction, seed } = options;
  const n = data.shape[0] ?? 0;
  const held = Math.ceil(fraction * n);
  if (!(fraction > 0 && fraction < 1) || held >= n) {
    throw new DataError(
      'DATA_BAD_OPTION',
      `validation fraction must be in (0, 1) and leave training data; got ${fraction} of ${n} examples`,
      { key: 'fraction' },
      undefined,
      { message: { key: 'errCore.data.badFraction', params: { fraction: String(fraction), n: String(n) } } },
    );
  }
  integerSeed(seed);
  const order = seededPermutation(n, seededGenerator(seed));
  const validation = Array.from(order.subarray(0, held)).sort((a, b) => a - b);
  const train = Array.from(order.subarray(held)).sort((a, b) => a - b);
  return { train: takeRows(data, train), validation: takeRows(data, validation), indices: { train, validation } };
}
