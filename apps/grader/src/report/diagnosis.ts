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
  /** A reference run of the lab's own model, not the student's. */
  reference: boolean;
}

/** Diagnoses one run from the grader's {@link historyFacts}; null for an empty history. */
export function diagnoseRun(group: string, run: NamedRun): RunDiagnosis | null {
  const facts = historyFacts(run.history);
  if (!facts) return null;
  const { bestIndex: _index, ...rest } = facts;
  return { group, model: run.name, ...rest, overfits: overfittingEvidence(run.history).verdict === 'pass', reference: run.reference === true };
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

/** One of the student's runs beside its group's baseline reference, trained in the same setup. */
export interface Comparison {
  student: RunDiagnosis;
  baseline: RunDiagnosis;
}

/** Each of the student's runs in a diagnosed group that names a `baseline`, beside that reference's run (when it is there). */
export function compareWithBaselines(input: Pick<ReportInput, 'runs' | 'groups'>): Comparison[] {
  const out: Comparison[] = [];
  for (const group of groupsOfInput(input)) {
    if (group.diagnosis !== 'overfitting' || group.baseline === undefined) continue;
    const runs = input.runs[group.id] ?? [];
    const base = runs.find((r) => r.reference && r.name === group.baseline);
    const baseline = base && diagnoseRun(group.id, base);
    if (!baseline) continue;
    for (const run of runs.filter((r) => !r.reference)) {
      const student = diagnoseRun(group.id, run);
      if (student) out.push({ student, baseline });
    }
  }
  return out;
}
