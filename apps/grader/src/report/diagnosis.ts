import { historyFacts, type HistoryFacts } from '../checks/history-facts.js';
import { overfittingEvidence } from '../checks/verdicts/overfitting.js';
import { groupsOfInput } from './groups.js';
import type { NamedRun, ReportInput } from './types.js';

/** The facts behind the lab's overfitting sentences, for one run. */
export interface RunDiagnosis extends Omit<HistoryFacts, 'bestIndex'> {
  /** The report group's id. */
  group: string;
  model: string;
  /** The rubric's own judgement (`overfittingEvidence` passes), so the report never contradicts the score. */
  overfits: boolean;
}

/** Diagnoses one run from the grader's {@link historyFacts}; null for an empty history. */
export function diagnoseRun(group: string, run: NamedRun): RunDiagnosis | null {
  const facts = historyFacts(run.history);
  if (!facts) return null;
  const { bestIndex: _index, ...rest } = facts;
  return { group, model: run.name, ...rest, overfits: overfittingEvidence(run.history).verdict === 'pass' };
}

/**
 * Every run of every report group lab.yaml has diagnosed (`diagnosis: overfitting`), in the groups'
 * order; a run that appears in two groups is diagnosed once.
 */
export function diagnoseRuns(input: Pick<ReportInput, 'runs' | 'groups'>): RunDiagnosis[] {
  const seen = new Set<string>();
  const out: RunDiagnosis[] = [];
  for (const { id: group, diagnosis } of groupsOfInput(input)) {
    if (diagnosis !== 'overfitting') continue;
    for (const run of input.runs[group] ?? []) {
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
