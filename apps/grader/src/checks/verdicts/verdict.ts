/**
 * What the data says about one question a rubric item asks ("does this run overfit?"):
 * `pass` and `fail` are supported by the data beyond its noise; `close` is not — more seeds may
 * settle it, else the item is undecided (no points lost, flagged for the TA).
 */
export type Verdict = 'pass' | 'fail' | 'close';

/**
 * How far from the line a measured effect must be, in standard errors, to decide a verdict.
 * Three: a run whose noise alone would cross it about once in 700.
 */
export const VERDICT_Z = 3;

/**
 * Several seeds' verdicts as one: `pass` or `fail` when more than half of them say so, else
 * `close` — so one lucky or unlucky seed never decides alone.
 */
export function majority(verdicts: readonly Verdict[]): Verdict {
  const half = verdicts.length / 2;
  if (verdicts.filter((v) => v === 'pass').length > half) return 'pass';
  if (verdicts.filter((v) => v === 'fail').length > half) return 'fail';
  return 'close';
}
