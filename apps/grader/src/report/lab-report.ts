import { classificationReport, confusionMatrix } from '@fitcheck/core';
import { loadMessages, translate, type Lang, type Messages } from '../messages/locale.js';
import type { ReferenceRun } from '../references/reference-entry.js';
import { renderCurveCharts, renderLearningRateChart } from './charts/report-charts.js';
import { formatDate, formatNumber, formatScore } from './format.js';
import { diagnosisSentences } from './render.js';
import { renderTemplate } from './templates.js';
import type { ClassificationSection, LearningRatePoint, ModelSummary, ReportInput } from './types.js';

/** One model's row in the lab run's table (`OUT/summary.json` lists the same). */
export interface LabModelRow {
  model: string;
  params: number | null;
  epochsRun: number | null;
  bestEpoch: number | null;
  bestValBce: number | null;
  finalTrainBce: number | null;
  finalValBce: number | null;
  finalValAccuracy: number | null;
  /** Read from the reference cache, or trained by this run. */
  source: 'cache' | 'trained' | 'retrained' | null;
  error: string | null;
}

/** Everything the lab run's report shows: the notebook, reproduced at one profile. */
export interface LabReportInput {
  lab: string;
  profile: string;
  profileDescription: string;
  seed: number;
  backend: string;
  graderVersion: string;
  date: string;
  /** What the data was (rows, images, batch), one line per dataset. */
  plan: string[];
  models: LabModelRow[];
  runs: ReportInput['runs'];
  groups: NonNullable<ReportInput['groups']>;
  colorOrder: NonNullable<ReportInput['colorOrder']>;
  smoothingStd: number;
  learningRate: LearningRatePoint[];
  summaries: ModelSummary[];
  classification: ClassificationSection[];
}

/**
 * The classification report and confusion matrix of a reference cat model on the test set, as the
 * notebook computes them: class 1 when the logit is above 0 (σ > 0.5).
 */
export function referenceClassification(run: ReferenceRun, messages: Messages): ClassificationSection | null {
  const out = run.testOutputs;
  if (!out) return null;
  const truth = out.labels.map((v) => Math.round(v));
  const predicted = out.outputs.map((y) => (y > 0 ? 1 : 0));
  return {
    model: translate(messages, 'classification.rule', { model: run.model, rule: 'y > 0' }),
    text: classificationReport(truth, predicted, { labels: [0, 1], targetNames: out.classes, zeroDivision: 0 }).report,
    labels: out.classes,
    confusion: confusionMatrix(truth, predicted, { labels: [0, 1] }),
  };
}

/** The lab run's report as one self-contained HTML document, in `lang` (the partials are the grade report's). */
export async function renderLabReport(input: LabReportInput, lang: Lang): Promise<string> {
  const messages = loadMessages(lang);
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const curvesInput = { runs: input.runs, groups: input.groups, colorOrder: input.colorOrder, smoothingStd: input.smoothingStd, learningRate: input.learningRate };
  const [curves, lrChart] = await Promise.all([renderCurveCharts(curvesInput, messages), renderLearningRateChart(curvesInput, messages)]);
  const n = (v: number | null, digits = 4) => (v === null ? '—' : formatNumber(lang, v, digits));
  const view = {
    lang,
    lab: input.lab,
    profile: input.profile,
    profileDescription: input.profileDescription,
    seed: input.seed,
    backend: input.backend,
    graderVersion: input.graderVersion,
    date: formatDate(lang, input.date),
    plan: input.plan,
    models: input.models.map((m) => ({
      model: m.model, params: m.params === null ? '—' : formatScore(lang, m.params), epochs: m.epochsRun ?? '—',
      best: m.bestValBce === null ? '—' : t('lab.bestAt', { bce: n(m.bestValBce), epoch: m.bestEpoch ?? '—' }),
      final: `${n(m.finalTrainBce)} / ${n(m.finalValBce)}`, acc: n(m.finalValAccuracy, 3),
      source: m.source === null ? '' : t(`lab.source_${m.source}`), error: m.error,
    })),
    curves,
    smoothed: input.smoothingStd > 0 ? formatScore(lang, input.smoothingStd) : null,
    lrChart,
    diagnosis: diagnosisSentences(input, messages, lang),
    curvesIntro: 'curves.introLab',
    summaries: input.summaries,
    classification: input.classification.map((c) => ({
      model: c.model, text: c.text, labels: c.labels,
      rows: c.confusion.map((counts, i) => ({ label: c.labels[i] ?? String(i), counts })),
    })),
  };
  return renderTemplate(view, { messages, lang }, 'lab-report');
}
