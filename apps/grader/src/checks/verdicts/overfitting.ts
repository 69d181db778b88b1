import type { History } from '@fitcheck/core';
import { historyFacts } from '../history-facts.js';
import { VERDICT_Z, type Verdict } from './verdict.js';

/** Why a run does or does not show overfitting (the cause a hint names). */
export type OverfittingReason =
  /** Validation BCE rose past its minimum beyond noise while training BCE kept falling. */
  | 'rising'
  /** The lowest validation BCE is in the last epochs: the run ended before it could turn. */
  | 'still-falling'
  /** Past its minimum, validation BCE stayed level within noise (or rose with training BCE). */
  | 'flat'
  /** A rise, but too small against the run's noise to tell. */
  | 'noisy'
  /** Fewer epochs than any trend needs. */
  | 'too-short';

export interface OverfittingEvidence {
  verdict: Verdict;
  reason: OverfittingReason;
  /** Smoothed validation BCE at the end minus its minimum, and that in standard errors. */
  rise: number;
  z: number;
  bestEpoch: number;
  epochs: number;
}

/** Fewer epochs than this show no trend that smoothing could separate from noise. */
const MIN_EPOCHS = 5;
/**
 * The smallest rise that counts as overfitting, relative to the best validation BCE (2 %: about
 * 0.012 at BCE ≈ 0.6); a smaller rise, however sure, is a plateau.
 */
export const MIN_RISE = 0.02;

/**
 * Overfitting as the lab shows it, decided on smoothed curves (`historyFacts`):
 * - `pass`: validation BCE rose past its minimum by at least {@link MIN_RISE} and by
 *   {@link VERDICT_Z} standard errors, while training BCE kept falling;
 * - `fail`: even the rise plus Z standard errors stays under {@link MIN_RISE} — the run clearly
 *   did not overfit (whether it plateaued or was still improving);
 * - `close`: anything between.
 * Whether `fail` may cost points is the profile's call (a short run only shows a pass).
 */
export function overfittingEvidence(history: History): OverfittingEvidence {
  const f = historyFacts(history);
  if (!f || f.epochs < MIN_EPOCHS) {
    return { verdict: 'close', reason: 'too-short', rise: 0, z: 0, bestEpoch: f?.bestEpoch ?? 0, epochs: f?.epochs ?? 0 };
  }
  const rise = f.lastValBce - f.bestValBce;
  const minRise = MIN_RISE * f.bestValBce;
  const z = f.riseError > 0 ? rise / f.riseError : rise > 0 ? Infinity : 0;
  const base = { rise, z, bestEpoch: f.bestEpoch, epochs: f.epochs };
  const trainFell = f.lastTrainBce < f.trainBceAtBest;
  if (rise >= minRise && z >= VERDICT_Z && trainFell) return { verdict: 'pass', reason: 'rising', ...base };
  const stillFalling = f.bestIndex >= f.epochs - 2;
  const reason: OverfittingReason = stillFalling ? 'still-falling' : rise >= minRise && trainFell ? 'noisy' : 'flat';
  if (rise + VERDICT_Z * f.riseError < minRise) return { verdict: 'fail', reason, ...base };
  return { verdict: 'close', reason, ...base };
}
