import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
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
  const lines = [`${key}: ${count(model.static.params)} parameters, output (None, 1), ${model.static.outputActivation} output`];
  let score = item.points;

  const sigmoid = sigmoidFinding(model);
  if (sigmoid) {
    findings.push(sigmoid);
    score -= half;
  }
  const smallerKey = param(item, 'moreCapacityThan');
  const smaller = smallerKey ? facts.models[smallerKey]?.static : undefined;
  if (smallerKey && smaller) {
    lines.push(`${smallerKey}: ${count(smaller.params)} parameters`);
    if (model.static.params <= smaller.params) {
      findings.push(finding('NOT_MORE_CAPACITY', 'error', {
        model: key, params: count(model.static.params), baseline: smallerKey, baselineParams: count(smaller.params), ratio: '',
      }, { model: key }));
      score -= half;
    }
  } else if (smallerKey) {
    lines.push(`${smallerKey} is not usable, so capacity was not compared`);
  }
  const failed = trainingFinding(model);
  if (failed) {
    findings.push(failed);
    score -= half;
  }
  return outcome(item, score, lines, findings);
};
