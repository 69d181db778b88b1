import { renderCurveCharts, renderLearningRateChart } from './charts/report-charts.js';
import { compareWithBaselines, diagnoseRuns, worstOverfit } from './diagnosis.js';
import { formatDate, formatNumber, formatScore } from './format.js';
import { loadMessages, translate, type Messages } from '../messages/locale.js';
import { renderTemplate } from './templates.js';
import type { Lang } from '../messages/locale.js';
import type { ResultsFinding, Severity } from '../findings/types.js';
import type { ReportInput } from './types.js';

export interface RenderOptions {
  lang: Lang;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings most severe first; equal severities keep the grader's order (the sort is stable). */
export function sortFindings(findings: readonly ResultsFinding[]): ResultsFinding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/**
 * The overfitting sentences, numbers in the reader's locale; plain text, escaped by the template.
 * A report with the student's runs speaks of them, each compared with its group's baseline
 * reference in the same setup (the lab's own run: "your Giant starts rising after epoch 5, Large
 * after epoch 9"); a report of the lab's runs alone (the lab run) speaks of every run.
 */
export function diagnosisSentences(input: Pick<ReportInput, 'runs' | 'groups'>, messages: Messages, lang: Lang): string[] {
  const n = (v: number) => formatNumber(lang, v, 3);
  const all = diagnoseRuns(input);
  const diagnoses = all.some((d) => !d.reference) ? all.filter((d) => !d.reference) : all;
  const compared = compareWithBaselines(input);
  const lines = diagnoses.flatMap((d) => {
    const own = translate(messages, d.overfits ? 'diagnosis.overfits' : 'diagnosis.fits', {
      model: d.model, epoch: d.bestEpoch, epochs: d.epochs, best: n(d.bestValBce), last: n(d.lastValBce),
      train: n(d.lastTrainBce), gap: n(d.gap),
    });
    const c = compared.find((x) => x.student.model === d.model);
    if (!c) return [own];
    const ref = translate(messages, c.baseline.overfits ? 'diagnosis.refRises' : 'diagnosis.refFlat', {
      reference: c.baseline.model, epoch: c.baseline.bestEpoch, gap: n(d.gap), refGap: n(c.baseline.gap),
    });
    return [own, translate(messages, d.overfits ? 'diagnosis.compareRises' : 'diagnosis.compareFlat', { model: d.model, epoch: d.bestEpoch, ref })];
  });
  const worst = worstOverfit(diagnoses);
  if (worst) lines.push(translate(messages, 'diagnosis.worst', { model: worst.model, gap: n(worst.gap) }));
  return lines;
}

/**
 * The report as one self-contained HTML document (inline CSS and SVG charts, no external resource).
 * Every value from the submission goes through Handlebars' `{{ }}` escaping; only the SVG that Vega
 * generated is inserted raw. Async because Vega renders charts asynchronously.
 */
export async function renderReport(input: ReportInput, { lang }: RenderOptions): Promise<string> {
  const messages = loadMessages(lang);
  const [curves, lrChart] = await Promise.all([renderCurveCharts(input, messages), renderLearningRateChart(input, messages)]);
  const pending = input.todos.filter((r) => r.status === 'pending').reduce((s, r) => s + r.max, 0);
  const smoothingStd = input.smoothingStd ?? 10;
  const view = {
    lang,
    student: input.student,
    lab: input.lab,
    // A grade that could not be computed shows no score (not a 0).
    score: input.notGraded?.status === 'error' ? null : formatScore(lang, input.score),
    maxScore: formatScore(lang, input.maxScore),
    pending: pending > 0 ? formatScore(lang, pending) : null,
    profile: input.profile,
    seed: input.seed,
    backend: input.backend,
    graderVersion: input.graderVersion,
    date: formatDate(lang, input.date),
    todos: input.todos.map((r) => ({
      number: r.number, name: r.name, max: formatScore(lang, r.max), output: r.output ?? null,
      score: r.score === null ? null : formatScore(lang, r.score), statusKey: `todos.status_${r.status}`, status: r.status,
    })),
    notGraded: input.notGraded ? {
      text: translate(messages, `header.notGraded_${input.notGraded.status}`, {
        cause: translate(messages, `cause.${input.notGraded.fault?.owner ?? 'grader'}`), code: input.notGraded.fault?.code ?? '',
      }),
      lines: input.notGraded.lines,
    } : null,
    findings: sortFindings(input.findings).map((f) => ({
      code: f.code, severity: f.severity, severityKey: `findings.severity_${f.severity}`,
      item: f.item ?? null, model: f.model ?? null, message: f.message, hint: f.hint ?? null,
    })),
    curves,
    smoothed: smoothingStd > 0 ? formatScore(lang, smoothingStd) : null,
    lrChart,
    diagnosis: diagnosisSentences(input, messages, lang),
    curvesIntro: 'curves.intro',
    summaries: (input.summaries ?? []).map((s) => ({ model: s.model, text: s.text })),
    classification: (input.classification ?? []).map((c) => ({
      model: c.model, text: c.text, labels: c.labels,
      rows: c.confusion.map((counts, i) => ({ label: c.labels[i] ?? String(i), counts })),
    })),
    answers: (input.answers ?? []).map((a) => ({
      item: a.item, question: a.question ?? null, text: a.text, comment: a.comment ?? null,
      points: a.points === undefined ? null : formatScore(lang, a.points),
      max: a.max === undefined ? null : formatScore(lang, a.max),
    })),
  };
  return renderTemplate(view, { messages, lang });
}
