import { GraderError } from '../errors.js';

/** A number flag (`--timeout 9.5`) within `[min, max]`. */
export function numberFlag(flag: string, text: string, { min, max }: { min: number; max: number }): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new GraderError('INVALID_FLAG', `--${flag} ${text}: expected a number from ${min} to ${max}`, {}, `e.g. --${flag} ${min === 1 && max === 40 ? 10 : min}`);
  }
  return value;
}
