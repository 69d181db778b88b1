import { ENV_ERROR, isFitcheckError, type FitcheckError } from '@fitcheck/core';
import { OUT_ERROR } from '../out/write-out.js';

/**
 * Codes whose cause is the machine fitcheck runs on — its FITCHECK_* variables, a read-only or full
 * disk — not a submission, the lab or fitcheck itself: exit 1, printed once, and never a student's
 * points (a grade that meets one writes status `error`, not a score).
 */
export const ENVIRONMENT_ERROR = {
  invalidVariable: ENV_ERROR.invalidVariable,
  outNotWritable: OUT_ERROR.notWritable,
  outOfSpace: OUT_ERROR.outOfSpace,
} as const;

const CODES: ReadonlySet<string> = new Set(Object.values(ENVIRONMENT_ERROR));

export function isEnvironmentError(e: unknown): e is FitcheckError {
  return isFitcheckError(e) && CODES.has(e.code);
}
