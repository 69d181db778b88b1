import type { History } from '@fitcheck/core';
import { historyFacts } from '../history-facts.js';
import { VERDICT_Z, type Verdict } from './verdict.js';

export interface NarrowingEvidence {
  verdict: Verdict;
  /** Smoothed end-of-training gaps (validation − training BCE) of the two runs. */
  gap: number;
  baselineGap: number;
  /** `baselineGap − gap` in standard errors (positive: the gap narrowed). */
  z: number;
}

/**
 * Does regularization narrow the overfitting gap? Compares the smoothed end-of-training gaps of a
 * regularized run and its unregularized baseline (`historyFacts`), in the standard error of their
 * difference: `pass` when narrower by {@link VERDICT_Z} errors, `fail` when wider by as many,
 * `close` between. Null when either history is empty.
 */
export function narrowingEvidence(regularized: History, baseline: History): NarrowingEvidence | null {
  const r = historyFacts(regularized);
  const b = historyFacts(baseline);
  if (!r || !b) return null;
  const difference = b.gap - r.gap;
  const error = Math.hypot(r.gapError, b.gapError);
  const z = error > 0 ? difference / error : difference > 0 ? Infinity : difference < 0 ? -Infinity : 0;
  const verdict: Verdict = z >= VERDICT_Z ? 'pass' : z <= -VERDICT_Z ? 'fail' : 'close';
  return { verdict, gap: r.gap, baselineGap: b.gap, z };
}
