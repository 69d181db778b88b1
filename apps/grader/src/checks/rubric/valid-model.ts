import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { outcome, sigmoidFinding, trainingFinding, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';

interface Params {
  /** The student's model, e.g. `cats.medium`. */
  model: string;
  /** A model it must have more parameters than, e.g. `cats.small`. */
  moreCapacityThan?: string;
}

/**
 * ToDos 6–8: the model exists, its shapes connect to an output of (None, 1) within budget
 * (else 0), its output suits BCE from logits (a sigmoid costs half), it has more parameters
 * than `moreCapacityThan` when that model is usable (else half), and if it was trained, the
 * run did not diverge (else half).
 */
export const validModel = defineCheck<Params>({
  name: 'valid-model',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['model'],
    properties: { model: { type: 'string' }, moreCapacityThan: { type: 'string', nullable: true } },
  },
  modelParams: ['model', 'moreCapacityThan'],
  findings: [...USABLE_MODEL_FINDINGS, 'SIGMOID_WITH_LOGITS_LOSS', 'NOT_MORE_CAPACITY'],
  run: scoreValidModel,
});

function scoreValidModel(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const key = item.with.model;
  const usable = usableModel(facts, key, item);
  if ('fail' in usable) return usable.fail;
  const { model } = usable;
  const half = item.points / 2;
  const findings: Finding[] = [];
  const lines: Line[] = [text('output.validModel', { model: key, params: model.static.params, activation: model.static.outputActivation })];
  let score = item.points;

  const sigmoid = sigmoidFinding(model);
  if (sigmoid) {
    findings.push(sigmoid);
    score -= half;
  }
  const smallerKey = item.with.moreCapacityThan ?? undefined;
  const smaller = smallerKey ? facts.models[smallerKey]?.static : undefined;
  if (smallerKey && smaller) {
    lines.push(text('output.params', { model: smallerKey, params: smaller.params }));
    if (model.static.params <= smaller.params) {
      findings.push(finding('NOT_MORE_CAPACITY', 'error', {
        model: key, params: model.static.params, baseline: smallerKey, baselineParams: smaller.params, ratio: '',
      }, { model: key }));
      score -= half;
    }
  } else if (smallerKey) {
    lines.push(text('output.notUsable', { model: smallerKey }));
  }
  const failed = trainingFinding(model);
  if (failed) {
    findings.push(failed);
    score -= half;
  }
  return outcome(item, score, lines, findings);
}
