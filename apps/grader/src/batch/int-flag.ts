
import { GraderError } from '../errors.js';

/** A whole-number flag (`--jobs 4`), at least `min`. */
export function intFlag(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new GraderError('INVALID_FLAG', `--${flag} ${text}: expected a whole number ≥ ${min}`, {}, `e.g. --${flag} ${Math.max(min, 1)}`);
  }
  return value;
}
