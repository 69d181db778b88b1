import { langOf, translate, type Messages } from '../../messages/locale.js';
import { groupsOfInput, groupTitle } from '../groups.js';
import type { NamedRun, ReportInput } from '../types.js';
import { historySpec, type PlottedMetric } from './history-spec.js';
import { learningRateSpec } from './lr-spec.js';
import { runColors, STUDENT_PALETTE } from './palette.js';
import { renderSvg, type NumberSymbols } from './render-svg.js';

export interface RenderedChart {
  title: string;
  svg: string;
}

export interface ChartSection {
  /** The report group's id (lab.yaml's `report.groups`). */
  group: string;
  title: string;
  charts: RenderedChart[];
}

/** A metric's name in captions and axes. */
function metricKey(metric: PlottedMetric): string {
  return metric === 'accuracy' ? 'curves.accuracy' : metric === 'loss' ? 'curves.loss' : 'curves.bce';
}

/** What the curve charts read of a report (a grade's or the lab run's). */
export type CurvesInput = Pick<ReportInput, 'runs' | 'groups' | 'colorOrder' | 'smoothingStd'>;

/**
 * Every learning-curve chart of the report as SVG, by the lab's report groups. A model keeps its
 * colour across charts (and reports: `colorOrder` is the lab's model order); the student's runs are
 * drawn thicker and named as theirs in the legend, beside the lab's reference runs.
 */
export async function renderCurveCharts(input: CurvesInput, messages: Messages): Promise<ChartSection[]> {
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const groups = groupsOfInput(input).filter((g) => (input.runs[g.id]?.length ?? 0) > 0);
  const all = groups.flatMap((g) => input.runs[g.id] ?? []);
  // The notebook's runs in tab10 by the lab's model order; the student's in their own dark colours.
  const referenceColors = runColors([...(input.colorOrder?.lab ?? []), ...all.filter((r) => r.reference).map((r) => r.name)]);
  const studentColors = runColors([...(input.colorOrder?.student ?? []), ...all.filter((r) => !r.reference).map((r) => r.name)], STUDENT_PALETTE);
  const colorOf = (run: NamedRun) => (run.reference ? referenceColors : studentColors).get(run.name) ?? '#000';
  // A reference run is named by its model; the student's "higgs.giant (yours)": the legend says whose line is whose.
  const label = (run: NamedRun) => (run.reference ? run.name : t('curves.yours', { model: run.name }));
  const smoothingStd = input.smoothingStd ?? 10;
  const sections: ChartSection[] = [];
  for (const group of groups) {
    const runs = (input.runs[group.id] ?? []).map((run) => ({ ...run, name: label(run) }));
    const colors = new Map((input.runs[group.id] ?? []).map((run) => [label(run), colorOf(run)]));
    const charts: RenderedChart[] = [];
    for (const plan of group.charts) {
      // The group is the section heading already; a caption names the metric and the x scale.
      const base = t(metricKey(plan.metric));
      const title = plan.logXFrom !== undefined ? t('curves.logX', { title: base, from: plan.logXFrom }) : base;
      const spec = historySpec({
        runs, metric: plan.metric, colors, smoothingStd, yDomain: plan.yDomain, logXFrom: plan.logXFrom,
        labels: {
          x: t('curves.epoch'), y: t(metricKey(plan.metric)),
          train: t('curves.train'), validation: t('curves.validation'), split: t('curves.series'), run: t('curves.model'),
        },
      });
      // No finite point to draw (a run shorter than the log-x start, a diverged one): no chart, rather than a failed report.
      if ('values' in spec.data! && Array.isArray(spec.data.values) && spec.data.values.length === 0) continue;
      charts.push({ title, svg: await renderSvg(spec, numberSymbols(messages), `${groupTitle(group, langOf(messages))}: ${title}`) });
    }
    sections.push({ group: group.id, title: groupTitle(group, langOf(messages)), charts });
  }
  return sections;
}

/** The learning-rate plot, or null when the input carries no schedule. */
export async function renderLearningRateChart(input: Pick<ReportInput, 'learningRate'>, messages: Messages): Promise<RenderedChart | null> {
  if (!input.learningRate?.length) return null;
  const title = translate(messages, 'lr.title');
  const spec = learningRateSpec(input.learningRate, { x: translate(messages, 'lr.epoch'), y: translate(messages, 'lr.rate') });
  return { title, svg: await renderSvg(spec, numberSymbols(messages), title) };
}

/** The separators the charts' numbers use in the language of `messages`. */
export function numberSymbols(messages: Messages): NumberSymbols {
  return { decimal: translate(messages, 'numbers.decimal'), thousands: translate(messages, 'numbers.thousands') };
}
