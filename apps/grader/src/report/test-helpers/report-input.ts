import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classificationReport, formatSummary, inverseTimeDecay, type History, type ModelSpec } from '@fitcheck/core';
import { parse } from 'yaml';
import type { LabDefinition } from '../../lab/types.js';
import { reportGroups } from '../groups.js';
import type { NamedRun, ReportInput } from '../types.js';

/** Real histories from `fixtures/reports/make-histories.mjs` (core's `fit` on slices of the lab's data). */
export interface HistoriesFixture {
  seed: number;
  sizes: NamedRun[];
  regularizers: NamedRun[];
  cats: NamedRun[];
  /** Test-set confusion matrices of the cat models, `[true][predicted]`. */
  confusion: Record<string, number[][]>;
}

/** Lab 5's report groups, as its lab.yaml declares them. */
const LAB5_GROUPS = reportGroups(parse(readFileSync(fileURLToPath(new URL('../../../../../grading/labs/lab5/lab.yaml', import.meta.url)), 'utf8')) as LabDefinition);

export const FIXTURE_FILE = fileURLToPath(new URL('../../../../../fixtures/reports/histories.json', import.meta.url));

export function loadHistories(): HistoriesFixture {
  return JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as HistoriesFixture;
}

/** Label vectors that reproduce a 2×2 confusion matrix (order does not matter to the report). */
function labelsFrom(confusion: number[][]): { yTrue: number[]; yPred: number[] } {
  const yTrue: number[] = [];
  const yPred: number[] = [];
  confusion.forEach((row, t) => row.forEach((count, p) => {
    for (let i = 0; i < count; i++) {
      yTrue.push(t);
      yPred.push(p);
    }
  }));
  return { yTrue, yPred };
}

/** The lab's Tiny and Pequeno models, which the fixture trained at the lab's own widths. */
const TINY: ModelSpec = { name: 'Tiny', inputShape: [28], layers: [{ type: 'Dense', units: 16, activation: 'elu' }, { type: 'Dense', units: 1 }] };
const PEQUENO: ModelSpec = {
  name: 'Pequeno', inputShape: [64, 64, 3],
  layers: [{ type: 'Flatten' }, { type: 'Dense', units: 128, activation: 'relu' }, { type: 'Dense', units: 1 }],
};

/** lr vs epoch for steps 0…100,000 at the lab's 20 steps per epoch (the notebook's plot). */
function learningRatePoints() {
  const lr = inverseTimeDecay({ initialLearningRate: 0.001, decaySteps: 20 * 1000, decayRate: 1 });
  return Array.from({ length: 101 }, (_, i) => ({ epoch: i * 50, lr: lr(i * 50 * 20) }));
}

/** A report for the reference submission: every check passes, two text items still wait for a TA. */
const asReference = (run: NamedRun): NamedRun => ({ ...run, reference: true });

export function referenceInput(h: HistoriesFixture = loadHistories()): ReportInput {
  const names = ['Giant', 'Giant analysis', 'TensorBoard curves', 'Regularizers analysis', 'Load cat data', 'Small cat model',
    'Medium cat model', 'Large cat model', 'Regularized cat model', 'Classification report'];
  return {
    student: 'Maria da Silva', lab: 'Lab 5 — Overfitting and regularization', score: 80, maxScore: 100,
    todos: names.map((name, i) => {
      const pending = i === 1 || i === 2;
      return { number: String(i + 1), name, score: pending ? null : 10, max: 10, status: pending ? 'pending' : 'auto', output: pending ? undefined : 'passed' };
    }),
    findings: [],
    profile: 'quick', seed: h.seed, backend: 'wasm (1 thread)', graderVersion: '0.1.0', date: '2025-04-02T14:30:00Z',
    // The notebook's own runs, as a grade report draws them beside the student's.
    runs: { sizes: h.sizes.map(asReference), regularizers: h.regularizers.map(asReference), cats: h.cats.map(asReference) },
    groups: LAB5_GROUPS,
    learningRate: learningRatePoints(),
    summaries: [{ model: 'Tiny', text: formatSummary(TINY) }, { model: 'Pequeno', text: formatSummary(PEQUENO) }],
    classification: Object.entries(h.confusion).map(([model, confusion]) => {
      const { yTrue, yPred } = labelsFrom(confusion);
      return { model, text: classificationReport(yTrue, yPred, { targetNames: ['non-cat', 'cat'], zeroDivision: 0 }).report, labels: ['non-cat', 'cat'], confusion };
    }),
    answers: [
      { item: '2', question: 'How does the Giant model train compared with the others?', text: 'Giant reaches train accuracy 1.0 quickly while its validation BCE climbs: it memorises the training set.' },
      { item: '4', text: 'L2 and Dropout keep validation BCE near its minimum; Combined is best.', comment: 'Right, and cite the numbers.', points: 9, max: 10 },
    ],
  };
}

/** The notebook's real mistakes (LAB.md) as a grader would report them. */
export function mistakesInput(h: HistoriesFixture = loadHistories()): ReportInput {
  const base = referenceInput(h);
  const todos = base.todos.map((r) => (['6', '7', '8', '10'].includes(r.number) ? { ...r, score: 2, output: 'sigmoid on a from-logits loss' } : r));
  return {
    ...base, student: 'João Pereira', score: todos.reduce((sum, r) => sum + (r.score ?? 0), 0), todos,
    findings: [
      { code: 'TEST_SET_AS_VALIDATION', owner: 'submission', severity: 'warning', item: '9', model: 'cats.regularized', message: 'The test set is used as validation data for early stopping.', hint: 'Split a validation set off the training images.' },
      { code: 'SIGMOID_WITH_LOGITS_LOSS', owner: 'submission', severity: 'error', item: '6', model: 'cats.small', message: 'The output layer applies sigmoid but the loss expects logits: sigmoid is applied twice.', hint: 'End the model with Dense(1) and no activation.' },
      { code: 'NOT_TRAINED', owner: 'lab', severity: 'info', item: '7', model: 'cats.medium', message: 'cats.medium was not trained in the check profile; its run was not checked.', hint: 'the ci and full profiles train every model' },
      { code: 'THRESHOLD_ON_LOGITS', owner: 'submission', severity: 'error', item: '10', model: 'cats.regularized', message: 'The classification report thresholds raw logits at 0.5.', hint: 'Threshold logits at 0, or apply sigmoid first.' },
    ],
  };
}

const HOSTILE = '<script>alert("x")</script> {{constructor}} {{{lookup}}} "quoted" & \'single\' <img src=x onerror=alert(1)>';

/** Every text field that comes from a submission replaced by hostile text. */
export function hostileInput(h: HistoriesFixture = loadHistories()): ReportInput {
  const base = mistakesInput(h);
  const hostileRun = (r: NamedRun, i: number): NamedRun => ({ name: `${HOSTILE} ${i}`, history: r.history as History });
  return {
    ...base,
    student: HOSTILE, lab: HOSTILE, profile: HOSTILE, backend: HOSTILE, graderVersion: HOSTILE,
    todos: base.todos.map((r) => ({ ...r, name: HOSTILE, output: HOSTILE })),
    // A finding's code is the grader's own (a registered code), never student text.
    findings: base.findings.map((f) => ({ ...f, item: HOSTILE, model: HOSTILE, message: HOSTILE, hint: HOSTILE })),
    runs: { sizes: h.sizes.slice(0, 2).map(hostileRun), cats: h.cats.slice(0, 1).map((r) => hostileRun(r, 9)) },
    summaries: [{ model: HOSTILE, text: HOSTILE }],
    classification: [{ model: HOSTILE, text: HOSTILE, labels: [HOSTILE, HOSTILE], confusion: [[1, 2], [3, 4]] }],
    answers: [{ item: HOSTILE, question: HOSTILE, text: HOSTILE, comment: HOSTILE, points: 1, max: 2 }],
  };
}

export { HOSTILE };
