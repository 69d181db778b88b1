import { OPTIMIZER_TYPES, type OptimizerSpec, type OptimizerType } from '@fitcheck/core';
import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { fmt, outcome, sigmoidFinding, trainingFinding, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';
import { optimizerText } from './optimizer-text.js';

interface Params {
  /** The student's model, e.g. `higgs.momentum`. */
  model: string;
  /** The optimizer the ToDo asks for, by its Keras name. */
  optimizer: OptimizerType;
  /** True: a momentum above 0 is asked for; false: none (plain SGD). Unset: either. */
  momentum?: boolean;
  /** Nesterov momentum asked for (true) or ruled out (false). Unset: either. */
  nesterov?: boolean;
}

/**
 * A model trained with the optimizer its ToDo asks for: half the points for the optimizer (its
 * type, and momentum or Nesterov when the item says), half for a model that trained without
 * diverging. A sigmoid output before the lab's logits loss costs half. A model the submission
 * gives no optimizer trains with the lab's (`training.optimizer`), which is what it is judged as.
 */
export const optimizerSetup = defineCheck<Params>({
  name: 'optimizer-setup',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['model', 'optimizer'],
    properties: {
      model: { type: 'string' },
      optimizer: { type: 'string', enum: [...OPTIMIZER_TYPES] },
      momentum: { type: 'boolean', nullable: true },
      nesterov: { type: 'boolean', nullable: true },
    },
  },
  modelParams: ['model'],
  findings: [...USABLE_MODEL_FINDINGS, 'WRONG_OPTIMIZER', 'SIGMOID_WITH_LOGITS_LOSS'],
  run: scoreOptimizerSetup,
});

/** The optimizer a model trains with: its own, else the lab's (`training.optimizer: adam` is Keras' Adam). */
export function optimizerOf(facts: RunFacts, key: string): OptimizerSpec {
  return facts.models[key]?.optimizer ?? { type: 'Adam' };
}

function scoreOptimizerSetup(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const key = item.with.model;
  const usable = usableModel(facts, key, item);
  if ('fail' in usable) return usable.fail;
  const { model } = usable;
  const half = item.points / 2;
  const findings: Finding[] = [];
  const spec = optimizerOf(facts, key);
  const lines: Line[] = [text('output.optimizerSetup', {
    model: key, params: model.static.params, optimizer: model.optimizer ? optimizerText(spec) : text('output.labOptimizer', { optimizer: optimizerText(spec) }),
  })];
  let score = item.points;

  const mismatch = optimizerMismatch(spec, item.with);
  if (mismatch) {
    findings.push(finding('WRONG_OPTIMIZER', 'error', { model: key, got: optimizerText(spec), wanted: mismatch }, { model: key }));
    score -= half;
  }
  const sigmoid = sigmoidFinding(model);
  if (sigmoid) {
    findings.push(sigmoid);
    score -= half;
  }
  const failed = trainingFinding(model);
  if (failed) {
    findings.push(failed);
    score -= half;
  } else if (model.training) {
    const t = model.training;
    lines.push(text('output.run', { epochs: t.epochsRun, best: fmt(t.bestValBce), epoch: t.bestEpoch ?? '—', train: fmt(t.finalTrainBce), val: fmt(t.finalValBce) }));
  }
  return outcome(item, score, lines, findings);
}

/** What the item asks that `spec` does not give, in Keras' words (`SGD with momentum > 0`), or undefined. */
function optimizerMismatch(spec: OptimizerSpec, asked: Pick<Params, 'optimizer' | 'momentum' | 'nesterov'>): string | undefined {
  const momentum = 'momentum' in spec ? (spec.momentum ?? 0) : 0;
  const nesterov = spec.type === 'SGD' ? (spec.nesterov ?? false) : false;
  const wanted = [
    asked.optimizer,
    asked.momentum === true ? 'momentum > 0' : asked.momentum === false ? 'momentum = 0' : '',
    asked.nesterov === true ? 'nesterov = true' : asked.nesterov === false ? 'nesterov = false' : '',
  ].filter((s) => s !== '').join(', ');
  const ok = spec.type === asked.optimizer
    && (asked.momentum === undefined || asked.momentum === null || asked.momentum === momentum > 0)
    && (asked.nesterov === undefined || asked.nesterov === null || asked.nesterov === nesterov);
  return ok ? undefined : wanted;
}
