import type { History } from '@fitcheck/core';

/** Where a run's validation BCE was lowest and how far apart training and validation ended. */
export interface HistoryFacts {
  epochs: number;
  /** Index into the history of the lowest validation BCE (its first occurrence). */
  bestIndex: number;
  /** That epoch as logged (0-based): where overfitting starts. */
  bestEpoch: number;
  bestValBce: number;
  lastValBce: number;
  lastTrainBce: number;
  /** `lastValBce − lastTrainBce`: the generalization gap at the end of training. */
  gap: number;
}

/**
 * The one place the grader reads a history's best epoch and final gap, judged by
 * `val_binary_crossentropy` (never `val_loss`, which carries the L2 penalty):
 * `best = argmin_i valBce[i]`, `gap = valBce[n−1] − trainBce[n−1]`. Null for an empty history.
 */
export function historyFacts(history: History): HistoryFacts | null {
  const val = history.history.val_binary_crossentropy;
  const train = history.history.binary_crossentropy;
  const n = Math.min(val.length, train.length);
  if (n === 0) return null;
  let best = 0;
  for (let i = 1; i < n; i++) if ((val[i] as number) < (val[best] as number)) best = i;
  const lastValBce = val[n - 1] as number;
  const lastTrainBce = train[n - 1] as number;
  return {
    epochs: n,
    bestIndex: best,
    bestEpoch: history.epoch[best] ?? best,
    bestValBce: val[best] as number,
    lastValBce,
    lastTrainBce,
    gap: lastValBce - lastTrainBce,
  };
}
