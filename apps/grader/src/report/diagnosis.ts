import type { ChartGroup, NamedRun, ReportInput } from './types.js';

/**
 * How far validation BCE must climb above its best before a run counts as overfitting. Below this
 * the rise is epoch-to-epoch noise on the lab's 1,000-row validation set (a ±1 % wobble at BCE ≈ 0.6).
 */
export const OVERFIT_RISE = 0.02;

/** The facts behind the lab's overfitting sentences, for one run. */
export interface RunDiagnosis {
  group: ChartGroup;
  model: string;
  epochs: number;
  /** Epoch (as logged, 0-based) with the lowest validation BCE: where overfitting starts. */
  bestEpoch: number;
  bestValBce: number;
  lastValBce: number;
  lastTrainBce: number;
  /** `lastValBce − lastTrainBce`: the generalization gap at the end of training. */
  gap: number;
  overfits: boolean;
}

/** Diagnoses one run: best epoch by `val_binary_crossentropy` (never `val_loss`, which carries the L2 penalty). */
export function diagnoseRun(group: ChartGroup, run: NamedRun): RunDiagnosis | null {
  const val = run.history.history.val_binary_crossentropy;
  const train = run.history.history.binary_crossentropy;
  const n = Math.min(val.length, train.length);
  if (n === 0) return null;
  let best = 0;
  for (let i = 1; i < n; i++) if ((val[i] as number) < (val[best] as number)) best = i;
  const bestValBce = val[best] as number;
  const lastValBce = val[n - 1] as number;
  const lastTrainBce = train[n - 1] as number;
  return {
    group,
    model: run.name,
    epochs: n,
    bestEpoch: run.history.epoch[best] ?? best,
    bestValBce,
    lastValBce,
    lastTrainBce,
    gap: lastValBce - lastTrainBce,
    overfits: lastValBce - bestValBce > OVERFIT_RISE,
  };
}

/** Every run of every chart group, diagnosed; a run that appears in two groups is diagnosed once. */
export function diagnoseRuns(runs: ReportInput['runs']): RunDiagnosis[] {
  const seen = new Set<string>();
  const out: RunDiagnosis[] = [];
  for (const group of ['sizes', 'regularizers', 'cats'] as const) {
    for (const run of runs[group] ?? []) {
      if (seen.has(run.name)) continue;
      seen.add(run.name);
      const d = diagnoseRun(group, run);
      if (d) out.push(d);
    }
  }
  return out;
}

/** The run with the largest end-of-training gap among those that overfit, or null. */
export function worstOverfit(diagnoses: readonly RunDiagnosis[]): RunDiagnosis | null {
  return diagnoses.filter((d) => d.overfits).reduce<RunDiagnosis | null>((w, d) => (!w || d.gap > w.gap ? d : w), null);
}
