import { text } from '../messages/text.js';
import { FlagError } from './flag-error.js';

/** A number flag (`--timeout 9.5`) within `[min, max]`. */
export function numberFlag(flag: string, given: string, { min, max }: { min: number; max: number }): number {
  const value = Number(given);
  if (given.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new FlagError('INVALID_FLAG', text('cli.usageNotNumber', { flag, value: given, min, max }), text('cli.usageExample', { flag, value: min === 1 && max === 40 ? 10 : min }));
  }
  return value;
}
