import { METRIC_NAMES } from '@fitcheck/core';
import type { EpochLogs, History, MetricName } from '@fitcheck/core';
import type { TrainingFacts } from '../checks/facts.js';
import { runSummary } from '../checks/history-facts.js';
import type { RunData } from '../run/load-data.js';

/**
 * The training facts of the epochs a stopped child had finished (their logs arrived over IPC
 * one by one), so a run cut short by a budget keeps its curves. Best epoch and gap are read as
 * for a finished run (`runSummary`). Undefined before the first epoch.
 */
export function partialTraining(epochs: readonly EpochLogs[], data: RunData, backend: string, seconds: number): TrainingFacts | undefined {
  const history: History = {
    epoch: epochs.map((_, i) => i),
    history: Object.fromEntries(METRIC_NAMES.map((m) => [m, epochs.map((logs) => logs[m])])) as Record<MetricName, number[]>,
  };
  if (epochs.length === 0) return undefined;
  return {
    epochsRun: epochs.length,
    stoppedEarly: false,
    ...runSummary(history),
    trainSamples: data.train.shape[0] ?? 0,
    validationSamples: data.validation.shape[0] ?? 0,
    seconds,
    backend,
    history,
  };
}
