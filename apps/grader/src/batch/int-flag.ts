
import { FlagError } from '../cli/flag-error.js';
import { text } from '../messages/text.js';

/** A whole-number flag (`--jobs 4`), at least `min`. */
export function intFlag(flag: string, given: string, min: number): number {
  const value = Number(given);
  if (!/^\d+$/.test(given.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new FlagError('INVALID_FLAG', text('cli.usageNotWhole', { flag, value: given, min: String(min) }), text('cli.usageExample', { flag, value: String(Math.max(min, 1)) }));
  }
  return value;
}
