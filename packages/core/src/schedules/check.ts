import { FitcheckError } from '../errors.js';

/** Throws `BAD_SCHEDULE` unless `value` is a finite number satisfying `ok`. */
export function requireNumber(
  schedule: string,
  name: string,
  value: number,
  ok: (v: number) => boolean,
  expectation: string,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new FitcheckError(
      'BAD_SCHEDULE',
      `${schedule}: ${name} must be ${expectation}; got ${String(value)}`,
      { key: name },
    );
  }
}

/** Steps are counts: a negative or non-finite step is a caller bug, not a learning rate. */
export function checkStep(schedule: string, step: number): void {
  requireNumber(schedule, 'step', step, (v) => v >= 0, 'a finite number >= 0');
}
