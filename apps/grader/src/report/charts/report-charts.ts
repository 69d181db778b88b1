import { translate, type Messages } from '../../messages/locale.js';
import type { ChartGroup, ReportInput } from '../types.js';
import { historySpec, type PlottedMetric } from './history-spec.js';
import { learningRateSpec } from './lr-spec.js';
import { runColors } from './palette.js';
import { renderSvg, type NumberSymbols } from './render-svg.js';

/** The notebook's HIGGS plots: BCE between 0.5 and 0.7, and a log-x variant from epoch 5. */
export const HIGGS_BCE_RANGE: [number, number] = [0.5, 0.7];
export const LOG_X_FROM = 5;

export interface RenderedChart {
  title: string;
  svg: string;
}

export interface ChartSection {
  group: ChartGroup;
  title: string;
  charts: RenderedChart[];
}

interface ChartPlan {
  metric: PlottedMetric;
  yDomain?: [number, number];
  logX?: boolean;
}

/** Which charts each group gets: HIGGS groups BCE (linear and log-x), cats BCE and accuracy (ranges vary per model). */
const PLANS: Record<ChartGroup, ChartPlan[]> = {
  sizes: [{ metric: 'binary_crossentropy', yDomain: HIGGS_BCE_RANGE }, { metric: 'binary_crossentropy', yDomain: HIGGS_BCE_RANGE, logX: true }],
  regularizers: [{ metric: 'binary_crossentropy', yDomain: HIGGS_BCE_RANGE }, { metric: 'binary_crossentropy', yDomain: HIGGS_BCE_RANGE, logX: true }],
  cats: [{ metric: 'binary_crossentropy' }, { metric: 'accuracy' }],
};

/** Every learning-curve chart of the report as SVG, colours keyed by run name across all of them. */
export async function renderCurveCharts(input: ReportInput, messages: Messages): Promise<ChartSection[]> {
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const groups = (['sizes', 'regularizers', 'cats'] as const).filter((g) => (input.runs[g]?.length ?? 0) > 0);
  const colors = runColors(groups.flatMap((g) => (input.runs[g] ?? []).map((r) => r.name)));
  const smoothingStd = input.smoothingStd ?? 10;
  const sections: ChartSection[] = [];
  for (const group of groups) {
    const runs = input.runs[group] ?? [];
    const charts: RenderedChart[] = [];
    for (const plan of PLANS[group]) {
      // The group is the section heading already; a caption names the metric and the x scale.
      const base = t(plan.metric === 'accuracy' ? 'curves.accuracy' : 'curves.bce');
      const title = plan.logX ? t('curves.logX', { title: base, from: LOG_X_FROM }) : base;
      const spec = historySpec({
        runs, metric: plan.metric, colors, smoothingStd, yDomain: plan.yDomain, logXFrom: plan.logX ? LOG_X_FROM : undefined,
        labels: {
          x: t('curves.epoch'), y: t(plan.metric === 'accuracy' ? 'curves.accuracy' : 'curves.bce'),
          train: t('curves.train'), validation: t('curves.validation'), split: t('curves.series'), run: t('curves.model'),
        },
      });
      // No finite point to draw (a run shorter than the log-x start, a diverged one): no chart, rather than a failed report.
      if ('values' in spec.data! && Array.isArray(spec.data.values) && spec.data.values.length === 0) continue;
      charts.push({ title, svg: await renderSvg(spec, numberSymbols(messages)) });
    }
    sections.push({ group, title: t(`curves.${group}`), charts });
  }
  return sections;
}

/** The learning-rate plot, or null when the input carries no schedule. */
export async function renderLearningRateChart(input: ReportInput, messages: Messages): Promise<RenderedChart | null> {
  if (!input.learningRate?.length) return null;
  const title = translate(messages, 'lr.title');
  const spec = learningRateSpec(input.learningRate, { x: translate(messages, 'lr.epoch'), y: translate(messages, 'lr.rate') });
  return { title, svg: await renderSvg(spec, numberSymbols(messages)) };
}

/** The separators the charts' numbers use in the language of `messages`. */
export function numberSymbols(messages: Messages): NumberSymbols {
  return { decimal: translate(messages, 'numbers.decimal'), thousands: translate(messages, 'numbers.thousands') };
}
