import { learningRateOf, learningRateSchedule, OPTIMIZER_TYPES, type OptimizerType } from '@fitcheck/core';
import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { outcome, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';
import { optimizerText } from './optimizer-text.js';

interface Params {
  /** The student's model whose optimizer carries the schedule, e.g. `higgs.scheduled`. */
  model: string;
  /** The learning rate the ToDo's schedule has at these optimizer steps (worked out from Keras' formula). */
  at: { step: number; learningRate: number }[];
  /** The optimizer the ToDo asks for; another costs half. */
  optimizer?: OptimizerType;
  /** How far a rate may be from the asked one, relative to it (default 1e-6). */
  relativeTolerance?: number;
}

/**
 * A learning-rate schedule configured as its ToDo says: the student's schedule (the `learningRate`
 * of the model's optimizer, evaluated by core's Keras formulas) is compared with the rate the ToDo's
 * schedule has at each step of `at`. The score is the points times the share of steps that agree;
 * a schedule counted in epochs where Keras counts steps, or a missing `staircase`, shows at once.
 * Another optimizer than `optimizer` costs half.
 */
export const scheduleValues = defineCheck<Params>({
  name: 'schedule-values',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['model', 'at'],
    properties: {
      model: { type: 'string' },
      at: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['step', 'learningRate'],
          properties: { step: { type: 'integer', minimum: 0 }, learningRate: { type: 'number', minimum: 0 } },
        },
      },
      optimizer: { type: 'string', enum: [...OPTIMIZER_TYPES], nullable: true },
      relativeTolerance: { type: 'number', exclusiveMinimum: 0, nullable: true },
    },
  },
  modelParams: ['model'],
  findings: [...USABLE_MODEL_FINDINGS, 'SCHEDULE_MISMATCH', 'WRONG_OPTIMIZER'],
  run: scoreScheduleValues,
});

function scoreScheduleValues(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const { model: key, at } = item.with;
  const usable = usableModel(facts, key, item);
  if ('fail' in usable) return usable.fail;
  const spec = usable.model.optimizer;
  if (spec === undefined) {
    return outcome(item, 0, [text('output.noOptimizer', { model: key })], [finding('SCHEDULE_MISMATCH', 'error', { model: key, step: at[0]!.step, got: '—', wanted: String(at[0]!.learningRate), wrong: at.length, steps: at.length }, { model: key })]);
  }
  const tolerance = item.with.relativeTolerance ?? 1e-6;
  const schedule = learningRateSchedule(learningRateOf(spec));
  const lines: Line[] = [text('output.schedule', { model: key, optimizer: optimizerText(spec) })];
  const wrong: { step: number; got: number; wanted: number }[] = [];
  for (const { step, learningRate: wanted } of at) {
    const got = schedule(step);
    const agrees = Math.abs(got - wanted) <= tolerance * Math.abs(wanted) + 1e-12;
    if (!agrees) wrong.push({ step, got, wanted });
    lines.push(text(agrees ? 'output.scheduleAgrees' : 'output.scheduleDiffers', { step, got: rate(got), wanted: rate(wanted) }));
  }
  const findings: Finding[] = [];
  let score = item.points * (at.length - wrong.length) / at.length;
  const first = wrong[0];
  if (first) {
    findings.push(finding('SCHEDULE_MISMATCH', 'error', { model: key, step: first.step, got: rate(first.got), wanted: rate(first.wanted), wrong: wrong.length, steps: at.length }, { model: key }));
  }
  const asked = item.with.optimizer ?? undefined;
  if (asked !== undefined && spec.type !== asked) {
    findings.push(finding('WRONG_OPTIMIZER', 'error', { model: key, got: optimizerText(spec), wanted: asked }, { model: key }));
    score -= item.points / 2;
  }
  return outcome(item, score, lines, findings);
}

/** A learning rate to 6 significant digits (`0.0015625`), a number the reader's locale writes (`0,0015625` in pt-BR). */
function rate(x: number): number {
  return Number(x.toPrecision(6));
}
