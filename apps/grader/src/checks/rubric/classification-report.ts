import { classificationReport } from '@fitcheck/core';
import type { ClassificationReportRow } from '@fitcheck/core';
import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, verbatim, type Line } from '../../messages/text.js';
import type { ReportDeclaration } from '../../submission/types.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { fmt, outcome, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';
import { answerText } from './text-answer.js';

/** `(sigmoid ? σ(out) : out) > threshold`, as the student's report computes classes. */
export function declaredPredictions(outputs: Float32Array, report: Pick<ReportDeclaration, 'sigmoid' | 'threshold'>): Int32Array {
  return Int32Array.from(outputs, (v) => ((report.sigmoid ? 1 / (1 + Math.exp(-v)) : v) > report.threshold ? 1 : 0));
}

/**
 * ToDo 10: the report's classes must come from the model's real outputs the right way — logits
 * thresholded at 0 (or sigmoid then 0.5), probabilities at 0.5 — else 6 points off, with the
 * effect measured on the test set: how many predictions change and the cat recall both ways.
 * Early stopping on the test set costs 4 points (the reported test metrics are optimistic).
 */
interface Params {
  /** The dataset whose `report` the submission declares, e.g. `cats`. */
  dataset: string;
  /** The written analysis that goes with the report (a MISSING_ANSWER warning without it). */
  answer?: string;
}

export const classificationReportCheck = defineCheck<Params>({
  name: 'classification-report',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['dataset'],
    properties: {
      dataset: { type: 'string' },
      answer: { type: 'string', nullable: true },
    },
  },
  modelParams: [],
  datasetParams: ['dataset'],
  answerParams: ['answer'],
  findings: [...USABLE_MODEL_FINDINGS, 'THRESHOLD_ON_LOGITS', 'WRONG_THRESHOLD', 'TEST_SET_AS_VALIDATION', 'MISSING_ANSWER'],
  run: scoreClassificationReport,
});

function scoreClassificationReport(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const dataset = item.with.dataset;
  const section = facts.submission.sections[dataset];
  const report = section?.report;
  if (!report) return outcome(item, 0, [text('output.notSubmitted', { what: `${dataset}.report` })], [finding('MISSING_ITEM', 'error', { what: `${dataset}.report` })]);
  const key = `${dataset}.${report.model}`;
  const usable = usableModel(facts, key, item);
  if ('fail' in usable) return usable.fail;
  const { model } = usable;
  const findings: Finding[] = [];
  const lines: Line[] = [];
  let score = item.points;

  const realKind = model.static.outputActivation === 'sigmoid' ? 'probabilities' : 'logits';
  const correct = { sigmoid: false, threshold: realKind === 'logits' ? 0 : 0.5 };
  const thresholdedKind = report.sigmoid ? (realKind === 'logits' ? 'probabilities' : 'sigmoid of probabilities') : realKind;
  const rightThreshold = thresholdedKind === 'probabilities' ? report.threshold === 0.5 : thresholdedKind === 'logits' && report.threshold === 0;
  const declaredRight = report.outputs === realKind && rightThreshold;
  const kind = (k: string) => text(`kind.${k === 'sigmoid of probabilities' ? 'sigmoidOfProbabilities' : k}`);
  lines.push(text('output.reportKinds', { model: key, real: kind(realKind), thresholded: kind(thresholdedKind), threshold: report.threshold }));

  const out = model.testOutputs;
  const effect = { changed: '?', total: '?', declaredRecall: '?', correctRecall: '?' } as Record<string, string | number>;
  if (out) {
    const declared = declaredPredictions(out.outputs, report);
    const right = declaredPredictions(out.outputs, correct);
    const truth = Int32Array.from(out.labels);
    const options = { targetNames: out.classes, digits: 2, zeroDivision: 0 as const };
    const declaredReport = classificationReport(truth, declared, { ...options, labels: [0, 1], outputDict: true }).report;
    const rightReport = classificationReport(truth, right, { ...options, labels: [0, 1], outputDict: true }).report;
    const positive = out.classes[1] ?? '1';
    Object.assign(effect, {
      changed: declared.filter((v, i) => v !== right[i]).length,
      total: declared.length,
      declaredRecall: fmt((declaredReport[positive] as ClassificationReportRow | undefined)?.recall, 2),
      correctRecall: fmt((rightReport[positive] as ClassificationReportRow | undefined)?.recall, 2),
    });
    lines.push(text('output.reportAsDeclared'), verbatim(classificationReport(truth, declared, { ...options, labels: [0, 1] }).report));
    if (!declaredRight) lines.push(text('output.reportCorrect'), verbatim(classificationReport(truth, right, { ...options, labels: [0, 1] }).report));
  } else {
    lines.push(text('output.noTestOutputs', { model: key }));
  }
  if (!declaredRight) {
    const code = realKind === 'logits' ? 'THRESHOLD_ON_LOGITS' : 'WRONG_THRESHOLD';
    findings.push(finding(code, 'error', { model: key, threshold: report.threshold, kind: kind(thresholdedKind), ...effect }, { model: key }));
    score -= 6;
  }
  if (section.validation === 'test') {
    findings.push(finding('TEST_SET_AS_VALIDATION', 'error', { dataset }));
    score -= 4;
  }
  const answer = item.with.answer;
  if (answer && answerText(facts, answer) === undefined) findings.push(finding('MISSING_ANSWER', 'warning', { answer }));
  return outcome(item, score, lines, findings);
}
