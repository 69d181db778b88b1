import { FitcheckError } from '../errors.js';

/** `SHAPE_MISMATCH` for layer `index` of `type` on `input` (without batch), saying why. */
export function mismatch(index: number, type: string, input: readonly number[], why: string): FitcheckError {
  return new FitcheckError('SHAPE_MISMATCH', `layers[${index}] (${type}) on input (None, ${input.join(', ')}): ${why}`, { key: `/layers/${index}` });
}

export function checkPositive(n: number, index: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new FitcheckError('SHAPE_MISMATCH', `layers[${index}]: ${what} must be a positive integer, got ${n}`, { key: `/layers/${index}/${what}` });
  }
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A product of counts, refused past 2^53 (where doubles stop counting exactly). */
export function checkedProduct(factors: readonly number[], index: number): number {
  const p = product(factors);
  if (!Number.isSafeInteger(p)) {
    throw new FitcheckError('MODEL_TOO_LARGE', `layers[${index}]: a count passes 2^53 and cannot be computed exactly`, { key: `/layers/${index}` });
  }
  return p;
}
