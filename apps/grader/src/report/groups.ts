import type { ModelFacts } from '../checks/facts.js';
import type { ChartPlan, LabDefinition, ReportGroupDefinition } from '../lab/types.js';
import type { Lang } from '../messages/locale.js';
import type { NamedRun, ReportGroup } from './types.js';

/** A group's charts when lab.yaml names none: binary cross-entropy, then accuracy. */
export const DEFAULT_CHARTS: readonly ChartPlan[] = [{ metric: 'binary_crossentropy' }, { metric: 'accuracy' }];

/** The groups of a lab that declares none: one per dataset, titled by its name, diagnosed for overfitting. */
export function defaultReportGroups(lab: Pick<LabDefinition, 'datasets'>): ReportGroupDefinition[] {
  return Object.keys(lab.datasets).map((dataset) => ({ id: dataset, title: dataset, match: { dataset }, diagnosis: 'overfitting' }));
}

/** The lab's report groups (`report.groups`, else {@link defaultReportGroups}), as a report carries them. */
export function reportGroups(lab: Pick<LabDefinition, 'datasets' | 'report'>): ReportGroup[] {
  return (lab.report?.groups ?? defaultReportGroups(lab)).map(({ match: _match, charts, ...group }) => ({ ...group, charts: [...(charts ?? DEFAULT_CHARTS)] }));
}

/** A group's heading in `lang`. */
export function groupTitle(group: Pick<ReportGroup, 'title' | 'translations'>, lang: Lang): string {
  return group.translations?.[lang]?.title ?? group.title;
}

/** The first of the lab's groups whose every condition the model meets; undefined when none does (the run is not plotted). */
export function groupOf(lab: Pick<LabDefinition, 'datasets' | 'report'>, model: ModelFacts, dataset: string): string | undefined {
  const regularized = Boolean(model.static?.hasWeightPenalty || model.static?.hasDropout);
  return (lab.report?.groups ?? defaultReportGroups(lab)).find(({ match }) =>
    (match.dataset === undefined || match.dataset === dataset)
    && (match.regularized === undefined || match.regularized === regularized)
    && (match.models === undefined || match.models.includes(model.key)))?.id;
}

/**
 * The groups a report shows: those it carries, else (a report recorded before groups were data)
 * one per key of its runs with the default charts and diagnosis.
 */
export function groupsOfInput(input: { groups?: ReportGroup[]; runs: Record<string, unknown> }): ReportGroup[] {
  return input.groups ?? Object.keys(input.runs).map((id) => ({ id, title: id, charts: [...DEFAULT_CHARTS], diagnosis: 'overfitting' }));
}

/** The lab's models some report group draws as a reference, in the groups' order (what a grade needs from the cache). */
export function referenceModels(lab: Pick<LabDefinition, 'report'>): string[] {
  return [...new Set((lab.report?.groups ?? []).flatMap((g) => g.references ?? []))];
}

/** The lab's model keys in a fixed order — its own models; the student's — for colours that stay with a model across charts and reports. */
export function colorOrder(lab: Pick<LabDefinition, 'models' | 'studentModels'>): { lab: string[]; student: string[] } {
  return { lab: Object.keys(lab.models), student: Object.keys(lab.studentModels) };
}

/**
 * The reference runs by report group, each group's `references` in their order: what the lab run's
 * report draws, and what a grade report draws before the student's runs.
 */
export function referenceGroupRuns(lab: Pick<LabDefinition, 'datasets' | 'report'>, runs: Readonly<Record<string, { training: { history: NamedRun['history'] } }>>): Record<string, NamedRun[]> {
  const out: Record<string, NamedRun[]> = {};
  for (const group of lab.report?.groups ?? []) {
    const list = (group.references ?? []).flatMap((model) => {
      const run = runs[model];
      return run ? [{ name: model, history: run.training.history, reference: true }] : [];
    });
    if (list.length > 0) out[group.id] = list;
  }
  return out;
}
