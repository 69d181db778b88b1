import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import { count } from '../static/analyze-model.js';
import type { RubricCheck } from '../types.js';
import { outcome, param, sigmoidFinding, trainingFinding, usableModel } from './helpers.js';

/**
 * ToDos 6–8: the model exists, its shapes connect to an output of (None, 1) within budget
 * (else 0), its output suits BCE from logits (a sigmoid costs half), it has more parameters
 * than `moreCapacityThan` when that model is usable (else half), and if it was trained, the
 * run did not diverge (else half).
 */
export const validModel: RubricCheck = (facts, item) => {
  const key = param(item, 'model') ?? '';
  const usable = usableModel(facts, key, item);
  if ('fail' in usable) return usable.fail;
  const { model } = usable;
  const half = item.points / 2;
  const findings: Finding[] = [];
  const lines: Line[] = [text('output.validModel', { model: key, params: count(model.static.params), activation: model.static.outputActivation })];
  let score = item.points;

  const sigmoid = sigmoidFinding(model);
  if (sigmoid) {
    findings.push(sigmoid);
    score -= half;
  }
  const smallerKey = param(item, 'moreCapacityThan');
  const smaller = smallerKey ? facts.models[smallerKey]?.static : undefined;
  if (smallerKey && smaller) {
    lines.push(text('output.params', { model: smallerKey, params: count(smaller.params) }));
    if (model.static.params <= smaller.params) {
      findings.push(finding('NOT_MORE_CAPACITY', 'error', {
        model: key, params: count(model.static.params), baseline: smallerKey, baselineParams: count(smaller.params), ratio: '',
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
};
