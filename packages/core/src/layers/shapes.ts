import { FitcheckError, type Sentence } from '../errors.js';

/** `SHAPE_MISMATCH` for layer `index` of `type` on `input` (without batch), saying why (`whyWords`: the same in the grader's locales). */
export function mismatch(index: number, type: string, input: readonly number[], why: string, whyWords: Sentence): FitcheckError {
  const params = { index: String(index), type, input: input.join(', ') };
  return new FitcheckError('SHAPE_MISMATCH', `layers[${index}] (${type}) on input (None, ${input.join(', ')}): ${why}`, { key: `/layers/${index}` }, undefined, {
    message: { key: 'errCore.shape.layer', params: { ...params, why: whyWords } },
  });
}

export function checkPositive(n: number, index: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new FitcheckError('SHAPE_MISMATCH', `layers[${index}]: ${what} must be a positive integer, got ${n}`, { key: `/layers/${index}/${what}` }, undefined, {
      message: { key: 'errCore.shape.notPositive', params: { index: String(index), what, n: String(n) } },
    });
  }
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A product of counts, refused past 2^53 (where doubles stop counting exactly). */
export function checkedProduct(factors: readonly number[], index: number): number {
  const p = product(factors);
  if (!Number.isSafeInteger(p)) {
    throw new FitcheckError('MODEL_TOO_LARGE', `layers[${index}]: a count passes 2^53 and cannot be computed exactly`, { key: `/layers/${index}` }, undefined, {
      message: { key: 'errCore.shape.countTooLarge', params: { index: String(index) } },
    });
  }
  return p;
}
