import type { ModelFacts } from '../checks/facts.js';
import type { ChartPlan, LabDefinition, ReportGroupDefinition } from '../lab/types.js';
import type { Lang } from '../messages/locale.js';
import type { ReportGroup } from './types.js';

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
