import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { fmt, outcome, sigmoidFinding, trainingFinding, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';

interface Params {
  /** The regularized model, e.g. `cats.regularized`. */
  model: string;
  /** The unregularized model whose gap it must narrow, e.g. `cats.large`. */
  baseline: string;
}

/**
 * ToDo 9: regularization present (L1/L2 penalty or Dropout; else 0), and in the run the
 * regularized model's final train/validation BCE gap is smaller than the unregularized
 * baseline's (else half). A sigmoid output or a failed run costs half.
 */
export const regularization = defineCheck<Params>({
  name: 'regularization',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['model', 'baseline'],
    properties: { model: { type: 'string' }, baseline: { type: 'string' } },
  },
  modelParams: ['model', 'baseline'],
  findings: [...USABLE_MODEL_FINDINGS, 'NO_REGULARIZATION', 'SIGMOID_WITH_LOGITS_LOSS', 'NOT_TRAINED', 'GAP_NOT_NARROWED'],
  run: scoreRegularization,
});

function scoreRegularization(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const { model: key, baseline: baselineKey } = item.with;
  const usable = usableModel(facts, key, item);
  if ('fail' in usable) return usable.fail;
  const { model } = usable;
  const half = item.points / 2;
  const findings: Finding[] = [];
  const { hasWeightPenalty: penalty, hasDropout: dropout } = model.static;
  if (!penalty && !dropout) {
    return outcome(item, 0, [text('output.noRegularization', { model: key })], [finding('NO_REGULARIZATION', 'error', { model: key }, { model: key })]);
  }
  const lines: Line[] = [text(`output.regularizedWith.${penalty && dropout ? 'both' : penalty ? 'penalty' : 'dropout'}`, { model: key })];
  let score = item.points;

  const sigmoid = sigmoidFinding(model);
  if (sigmoid) {
    findings.push(sigmoid);
    score -= half;
  }
  const failed = trainingFinding(model);
  const baseline = facts.models[baselineKey];
  if (failed) {
    findings.push(failed);
    score -= half;
  } else if (!model.training) {
    findings.push(finding('NOT_TRAINED', 'info', { model: key, profile: facts.profile, what: text('what.gap') }, { model: key }));
  } else if (!baseline?.training || baseline.training.gap === null) {
    lines.push(text('output.noBaselineRun', { baseline: baselineKey }));
  } else {
    const gap = model.training.gap ?? Infinity;
    const baselineGap = baseline.training.gap;
    lines.push(text('output.gaps', { model: key, gap: fmt(gap), baseline: baselineKey, baselineGap: fmt(baselineGap) }));
    if (!(gap < baselineGap)) {
      findings.push(finding('GAP_NOT_NARROWED', 'error', { model: key, gap: fmt(gap), baseline: baselineKey, baselineGap: fmt(baselineGap) }, { model: key }));
      score -= half;
    }
  }
  return outcome(item, score, lines, findings);
}
