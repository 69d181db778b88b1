import { curveNoise, smooth, smoothingNoiseFactors } from '@fitcheck/core';
import type { History } from '@fitcheck/core';
import type { TrainingFacts } from './facts.js';

/**
 * A run's learning curves as the grader reads them: on the lab's smoothing (core's `smooth`), with
 * the epoch-to-epoch noise of each curve (`curveNoise`) and what that noise leaves uncertain.
 */
export interface HistoryFacts {
  epochs: number;
  /** The smoothing's `std`, in epochs ({@link smoothingFor}). */
  smoothing: number;
  /** Index into the history of the lowest smoothed validation BCE (its first occurrence). */
  bestIndex: number;
  /** That epoch as logged (0-based): where overfitting starts. */
  bestEpoch: number;
  /** The lowest smoothed validation BCE. */
  bestValBce: number;
  /** Smoothed validation and training BCE at the last epoch. */
  lastValBce: number;
  lastTrainBce: number;
  /** Smoothed training BCE at the best epoch. */
  trainBceAtBest: number;
  /** `lastValBce − lastTrainBce`: the generalization gap at the end of training. */
  gap: number;
  /** Epoch-to-epoch noise σ of the raw validation and training BCE. */
  valNoise: number;
  trainNoise: number;
  /** Standard error of `lastValBce − bestValBce` (the rise since the best epoch) and of `gap`. */
  riseError: number;
  gapError: number;
}

/**
 * The one place the grader reads a history's best epoch, rise and gap, judged by
 * `val_binary_crossentropy` (never `val_loss`, which carries the L2 penalty), on smoothed curves
 * `s = smooth(v, std)`: `best = argmin_i s_val[i]`, `gap = s_val[n−1] − s_train[n−1]`. Their
 * standard errors come from each curve's noise σ times the smoothing's noise factor at the points
 * used. Null for an empty history.
 */
export function historyFacts(history: History): HistoryFacts | null {
  const rawVal = history.history.val_binary_crossentropy;
  const rawTrain = history.history.binary_crossentropy;
  const n = Math.min(rawVal.length, rawTrain.length);
  if (n === 0) return null;
  const std = smoothingFor(n);
  const val = smooth(rawVal.slice(0, n), std);
  const train = smooth(rawTrain.slice(0, n), std);
  const factors = smoothingNoiseFactors(n, std);
  let best = 0;
  for (let i = 1; i < n; i++) if ((val[i] as number) < (val[best] as number)) best = i;
  // Too few epochs to see any noise: treat the curve as exact rather than invent an error.
  const valNoise = finiteOr0(curveNoise(rawVal.slice(0, n)));
  const trainNoise = finiteOr0(curveNoise(rawTrain.slice(0, n)));
  const fLast = factors[n - 1] as number;
  const fBest = factors[best] as number;
  const lastValBce = val[n - 1] as number;
  const lastTrainBce = train[n - 1] as number;
  return {
    epochs: n,
    smoothing: std,
    bestIndex: best,
    bestEpoch: history.epoch[best] ?? best,
    bestValBce: val[best] as number,
    lastValBce,
    lastTrainBce,
    trainBceAtBest: train[best] as number,
    gap: lastValBce - lastTrainBce,
    valNoise,
    trainNoise,
    riseError: best === n - 1 ? valNoise * fLast : valNoise * Math.hypot(fLast, fBest),
    gapError: fLast * Math.hypot(valNoise, trainNoise),
  };
}

/**
 * What results.json and the terminal say of a run: the smoothed best epoch, lowest validation BCE,
 * end values and gap of {@link historyFacts}, and the last epoch's raw BCEs as Keras logged them.
 */
export function runSummary(history: History): Pick<TrainingFacts, 'bestEpoch' | 'bestValBce' | 'finalTrainBce' | 'finalValBce' | 'gap' | 'smoothedFinalValBce' | 'smoothedFinalTrainBce'> {
  const f = historyFacts(history);
  const last = (values: number[]) => (values.length > 0 ? (values[values.length - 1] as number) : null);
  return {
    bestEpoch: f?.bestEpoch ?? null,
    bestValBce: f?.bestValBce ?? null,
    finalTrainBce: last(history.history.binary_crossentropy),
    finalValBce: last(history.history.val_binary_crossentropy),
    gap: f?.gap ?? null,
    smoothedFinalValBce: f?.lastValBce ?? null,
    smoothedFinalTrainBce: f?.lastTrainBce ?? null,
  };
}

/**
 * The smoothing span for a run of `n` epochs: `std = n / 20` in steps of 1/8 (the kernel's 8·std + 1
 * taps must be whole), between 0.5 (5 taps: a 14-epoch run keeps its shape) and 2 (17 taps).
 */
export function smoothingFor(n: number): number {
  return Math.min(2, Math.max(0.5, Math.floor((n / 20) * 8) / 8));
}

function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
