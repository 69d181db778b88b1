import { FitcheckError } from '../errors.js';

/** Throws `BAD_OPTIMIZER` unless `value` is a finite number satisfying `ok` (Keras raises a ValueError there). */
export function requireOption(optimizer: string, name: string, value: number, ok: (v: number) => boolean, expectation: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new FitcheckError('BAD_OPTIMIZER', `${optimizer}: ${name} must be ${expectation}; got ${String(value)}`, { key: name });
  }
  return value;
}
