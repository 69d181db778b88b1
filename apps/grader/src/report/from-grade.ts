import { classificationReport, confusionMatrix, formatSummary, inverseTimeDecay } from '@fitcheck/core';
import type { RunFacts } from '../checks/facts.js';
import { declaredPredictions } from '../checks/rubric/classification-report.js';
import { rubricCheck } from '../checks/rubric/index.js';
import type { LabDefinition, Rubric } from '../lab/types.js';
import { langOf, translate, type Lang, type Messages } from '../messages/locale.js';
import { renderText } from '../messages/text.js';
import type { GradescopeResults } from '../results/gradescope.js';
import type { Override } from '../results/overrides.js';
import type { ItemResult } from '../checks/run-rubric.js';
import { colorOrder, groupOf, referenceGroupRuns, reportGroups } from './groups.js';
import type { ClassificationSection, LearningRatePoint, NamedRun, ReportAnswer, ReportInput, TodoRow } from './types.js';

/** What a grading run leaves behind: `GradeOutcome`'s fields the report reads (facts only when it trained). */
export interface GradeForReport {
  results: GradescopeResults;
  /** The results before the TA's overrides (what `regrade` applies overrides to again); default `results`. */
  baseResults?: GradescopeResults;
  lab?: { definition: LabDefinition; rubric: Rubric };
  facts?: RunFacts;
  items?: ItemResult[];
  overrides?: Override[];
}

/** Points of the lab's learning-rate plot: lr vs epoch from epoch 0 to 5 × `decayEpochs`, 101 points. */
export const LR_POINTS = 101;

/**
 * The report of one grading run, in the language of `messages`: header and per-ToDo rows from
 * results.json, findings (already in that language), the trained runs' histories grouped by chart,
 * Keras summaries of the submitted models, the report model's classification report and confusion
 * matrix on the real test outputs (as the student thresholds them, and done right when that
 * differs), the lab's learning-rate schedule, and the written answers with TA points and comments.
 */
export function reportInputFromGrade(grade: GradeForReport, messages: Messages, date: string = new Date().toISOString()): ReportInput {
  return reportWithResults(reportBase(grade, messages, date), grade.results, grade.overrides ?? []);
}

/**
 * A report with the scores, statuses, TA points and comments of `results` and `overrides`:
 * everything else (curves, summaries, answers, outputs) is what the run measured. What `regrade`
 * does with a persisted report (`grade-record.json`) once the TA's overrides change, training nothing.
 */
export function reportWithResults(base: ReportInput, results: GradescopeResults, overrides: readonly Override[]): ReportInput {
  const tests = new Map(results.tests.map((t) => [t.number, t]));
  const student = results.extra_data.student.id;
  const { notGraded: _notGraded, ...rest } = base;
  return {
    ...rest,
    score: results.score,
    maxScore: results.extra_data.max_score,
    todos: base.todos.map((row) => {
      const t = tests.get(row.number);
      return t ? { ...row, score: t.score ?? null, max: t.extra_data.points, status: t.extra_data.status } : row;
    }),
    ...(base.answers && {
      answers: base.answers.map(({ comment: _comment, points: _points, max: _max, ...answer }) => {
        const t = tests.get(answer.item);
        const override = overrides.find((o) => o.student === student && o.item === answer.item);
        return {
          ...answer,
          ...(override?.comment !== undefined && { comment: override.comment }),
          ...(t?.score !== undefined && { points: t.score, max: t.extra_data.points }),
        };
      }),
    }),
    ...(results.extra_data.status !== 'graded' && { notGraded: notGradedOf(results) }),
  };
}

/** The report of a run as it measured it, before any TA's points (`reportWithResults` adds them). */
function reportBase(grade: GradeForReport, messages: Messages, date: string): ReportInput {
  const { results, lab, facts } = grade;
  const lang = langOf(messages);
  const x = results.extra_data;
  const definition = lab?.definition;
  const runs = facts ? chartRuns(facts) : {};
  const groups = definition ? reportGroups(definition) : [];
  return {
    student: x.student.name ?? '—',
    lab: definition ? (definition.translations?.[lang]?.title ?? definition.title) : x.lab,
    score: results.score,
    maxScore: results.extra_data.max_score,
    todos: todoRows(grade, messages),
    findings: results.extra_data.findings,
    profile: x.profile,
    seed: x.seed,
    backend: x.backend ?? '—',
    graderVersion: x.grader.version,
    date,
    runs,
    groups,
    ...(definition && { colorOrder: colorOrder(definition) }),
    smoothingStd: smoothingFor(runs),
    // The lab's schedule is worth a plot only when some model trains with it (not one with its own optimizer).
    ...(definition && (!facts || Object.values(facts.models).some((m) => m.spec && !m.optimizer)) && { learningRate: learningRatePoints(definition) }),
    summaries: facts ? modelSummaries(facts) : [],
    classification: facts ? classificationSections(facts, messages) : [],
    answers: lab && facts ? answers(lab.rubric, facts, lang) : [],
  };
}

/** One row per rubric item; the check's own sentences as its output (findings have their own section). */
function todoRows({ results, items }: GradeForReport, messages: Messages): TodoRow[] {
  return results.tests.map((t) => {
    const lines = items?.find((r) => r.item.number === t.number)?.outcome.lines;
    // Tables (a classification report) have their own section: drop them and the line introducing each.
    const shown = lines?.filter((l, i) => !('verbatim' in l) && !(lines[i + 1] && 'verbatim' in lines[i + 1]!));
    const output = shown ? shown.map((l) => renderText(messages, l)).join('\n') : t.output;
    return {
      number: t.number, name: t.name, max: t.extra_data.points, status: t.extra_data.status,
      score: t.score ?? null,
      ...(output !== '' && { output }),
    };
  });
}

/** Why nothing was scored: the submission's problems, or the fault (with its owner) that stopped the grade. */
function notGradedOf(results: GradescopeResults): NonNullable<ReportInput['notGraded']> {
  const { status, errors, fault } = results.extra_data;
  // A results.json of an older fitcheck kept only the English message in `errors`, and the hint in `fault`.
  const lines = fault?.hint !== undefined && errors.length === 1 && errors[0] === fault.message ? [...errors, fault.hint] : errors;
  return { status: status === 'invalid' ? 'invalid' : 'error', lines, ...(fault && { fault: { owner: fault.owner, code: fault.code } }) };
}

/** The notebook's smoothing (std 10 epochs) needs runs long enough for its kernel (8·std + 1 epochs); shorter runs are drawn raw. */
export function smoothingFor(runs: Record<string, NamedRun[]>, std = 10): number {
  const longest = Math.max(0, ...Object.values(runs).flatMap((list) => list.map((r) => r.history.epoch.length)));
  return longest >= 8 * std + 1 ? std : 0;
}

/**
 * Every trained model's history (a diverged run keeps its history), named by its model key, under
 * the first of the lab's report groups it matches (`groupOf`); a run no group takes is not plotted.
 */
function chartRuns(facts: RunFacts): Record<string, NamedRun[]> {
  // The notebook's own runs first (the lab's reference runs, cached), then the student's beside them.
  const runs: Record<string, NamedRun[]> = referenceGroupRuns(facts.lab, facts.references ?? {});
  for (const model of Object.values(facts.models)) {
    if (!model.training) continue;
    const dataset = facts.lab.studentModels[model.key]?.dataset ?? facts.lab.models[model.key]?.dataset ?? model.key.split('.')[0] ?? '';
    const group = groupOf(facts.lab, model, dataset);
    if (group !== undefined) (runs[group] ??= []).push({ name: model.key, history: model.training.history });
  }
  return runs;
}

/**
 * The notebook's learning-rate plot from the lab's InverseTimeDecay: with `s` steps per epoch and
 * `decay_steps = s · decayEpochs`, `lr(epoch) = lr0 / (1 + rate · epoch / decayEpochs)` (staircase:
 * `floor` of the fraction), whatever `s` is — so the points are computed at one step per epoch.
 */
export function learningRatePoints(lab: LabDefinition): LearningRatePoint[] {
  const { initialLearningRate, decayEpochs, decayRate, staircase } = lab.training.learningRate;
  const lr = inverseTimeDecay({ initialLearningRate, decaySteps: decayEpochs, decayRate, staircase });
  const last = 5 * decayEpochs;
  return Array.from({ length: LR_POINTS }, (_, i) => {
    const epoch = Math.round((i * last) / (LR_POINTS - 1));
    return { epoch, lr: lr(epoch) };
  });
}

/** Keras summary tables of the submitted models that passed their static checks. */
function modelSummaries(facts: RunFacts): { model: string; text: string }[] {
  return Object.values(facts.models)
    .filter((m) => m.source === 'submission' && m.spec && m.static && !m.staticFindings.some((f) => f.severity === 'error'))
    .map((m) => ({ model: m.key, text: formatSummary(m.spec!, { name: m.key }) }));
}

/**
 * scikit-learn's report and confusion matrix of the report model on the test set: classes as the
 * student's declaration computes them and, when that rule is wrong, as they should be computed.
 */
function classificationSections(facts: RunFacts, messages: Messages): ClassificationSection[] {
  const sections: ClassificationSection[] = [];
  for (const [dataset, section] of Object.entries(facts.submission.sections)) {
    const report = section.report;
    const model = report ? facts.models[`${dataset}.${report.model}`] : undefined;
    const out = model?.testOutputs;
    if (!report || !model || !out) continue;
    const logits = model.static?.outputActivation !== 'sigmoid';
    const correct = { sigmoid: false, threshold: logits ? 0 : 0.5 };
    const truth = Array.from(out.labels, (v) => Math.round(v));
    const rule = (r: { sigmoid?: boolean; threshold: number }) => `${r.sigmoid ? 'σ(y)' : 'y'} > ${r.threshold}`;
    const declaredRight = !report.sigmoid === !correct.sigmoid && report.threshold === correct.threshold;
    const rules = declaredRight ? [['classification.rule', report]] as const
      : [['classification.declared', report], ['classification.correct', correct]] as const;
    for (const [key, r] of rules) {
      const predicted = Array.from(declaredPredictions(out.outputs, r));
      sections.push({
        model: translate(messages, key, { model: model.key, rule: rule(r) }),
        text: classificationReport(truth, predicted, { labels: [0, 1], targetNames: out.classes, zeroDivision: 0 }).report,
        labels: out.classes,
        confusion: confusionMatrix(truth, predicted, { labels: [0, 1] }),
      });
    }
  }
  return sections;
}

/** The submission's written answers, each under its rubric item (the TA's points and comment: `reportWithResults`). */
function answers(rubric: Rubric, facts: RunFacts, lang: Lang): ReportAnswer[] {
  return rubric.items.flatMap((item) => {
    // The answer the item's check declares it reads (`answerParams`), e.g. `answer: giant_analysis`.
    const param = rubricCheck(item.check)?.answerParams[0];
    const key = param === undefined ? undefined : item.with?.[param];
    const text = typeof key === 'string' ? facts.submission.answers[key] : undefined;
    if (typeof text !== 'string' || text.trim() === '') return [];
    // The heading already says "ToDo 2"; the question is the rest of the item's name.
    return [{ item: item.number, question: (item.translations?.[lang]?.name ?? item.name).replace(`ToDo ${item.number}: `, ''), text }];
  });
}
