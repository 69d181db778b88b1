import { DataError } from './error-codes.js';

/**
 * A count option (rows, sizes, repeats) must be a whole number ≥ `min` (Infinity only where
 * "no limit" makes sense); anything else is a typed `DATA_BAD_OPTION` naming the option.
 */
export function wholeNumber(name: string, value: number, options: { min?: number; allowInfinity?: boolean } = {}): number {
  const min = options.min ?? 0;
  if ((Number.isInteger(value) || (options.allowInfinity === true && value === Infinity)) && value >= min) return value;
  throw new DataError('DATA_BAD_OPTION', `${name} must be a whole number ≥ ${min}, got ${value}`, { key: name });
}

/** Seeds are integers (pure-rand takes 32-bit integer seeds). */
export function integerSeed(seed: number): number {
  if (Number.isInteger(seed)) return seed;
  throw new DataError('DATA_BAD_OPTION', `seed must be an integer, got ${seed}`, { key: 'seed' });
}
