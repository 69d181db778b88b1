import { FitcheckError } from '../errors.js';
import { BACKEND_NAMES } from './types.js';
import type { BackendName } from './types.js';

/** Stable code of a FITCHECK_* variable fitcheck cannot use: the machine's setting, never a student's fault. */
export const ENV_ERROR = { invalidVariable: 'INVALID_ENVIRONMENT' } as const;

/** What the FITCHECK_* variables that choose the backend ask for (unset or empty = not asked). */
export interface BackendEnvironment {
  backend?: BackendName;
  threads?: number | 'auto';
  fastKernels?: boolean;
  /** FITCHECK_FUSED_STEP=0: train every model on TF.js' tape (to compare with the fused step). */
  fusedStep?: boolean;
}

/**
 * Reads FITCHECK_BACKEND, FITCHECK_THREADS, FITCHECK_FAST_KERNELS and FITCHECK_FUSED_STEP. A value fitcheck cannot use
 * is an error naming the variable and the fix, never a silent fallback: a `FITCHECK_THREADS=abc`
 * that quietly moved training to the cpu backend would make it 15–25 times slower, and under a
 * profile's time budget that would cost students their points.
 * @throws FitcheckError `INVALID_ENVIRONMENT` with `place.key` the variable's name.
 */
export function backendEnvironment(env: NodeJS.ProcessEnv = process.env): BackendEnvironment {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  // `problem` names the sentences (errCore.env.<problem> and its Fix) that say `why` and `fix` in the reader's language.
  const invalid = (name: string, value: string, problem: string, why: string, fix: string, fixParams: Record<string, string> = {}): FitcheckError => {
    const params = { name, value: JSON.stringify(value) };
    return new FitcheckError(ENV_ERROR.invalidVariable, `${name}=${params.value} ${why}`, { key: name }, `${fix}, or unset ${name}`, {
      message: { key: `errCore.env.${problem}`, params },
      hint: { key: `errCore.env.${problem}Fix`, params: { name, ...fixParams } },
    });
  };
  const result: BackendEnvironment = {};

  const backend = read('FITCHECK_BACKEND');
  if (backend !== undefined) {
    if (!(BACKEND_NAMES as readonly string[]).includes(backend)) {
      throw invalid('FITCHECK_BACKEND', backend, 'backend', 'is not a backend fitcheck knows', `set it to one of ${BACKEND_NAMES.join(', ')}`, { backends: BACKEND_NAMES.join(', ') });
    }
    result.backend = backend as BackendName;
  }
  const threads = read('FITCHECK_THREADS');
  if (threads !== undefined) {
    if (threads !== 'auto' && !(/^\d+$/.test(threads) && Number(threads) >= 1)) {
      throw invalid('FITCHECK_THREADS', threads, 'threads', 'is not a number of threads', "set it to a whole number ≥ 1 (e.g. FITCHECK_THREADS=2) or 'auto'");
    }
    result.threads = threads === 'auto' ? 'auto' : Number(threads);
  }
  const fast = read('FITCHECK_FAST_KERNELS');
  if (fast !== undefined) {
    if (!['0', '1', 'false', 'true'].includes(fast)) {
      throw invalid('FITCHECK_FAST_KERNELS', fast, 'onOff', 'is neither on nor off', 'set it to 1 (on) or 0 (off)');
    }
    result.fastKernels = fast === '1' || fast === 'true';
  }
  const fused = read('FITCHECK_FUSED_STEP');
  if (fused !== undefined) {
    if (!['0', '1', 'false', 'true'].includes(fused)) {
      throw invalid('FITCHECK_FUSED_STEP', fused, 'onOff', 'is neither on nor off', 'set it to 1 (on) or 0 (off)');
    }
    result.fusedStep = fused === '1' || fused === 'true';
  }
  return result;
}
