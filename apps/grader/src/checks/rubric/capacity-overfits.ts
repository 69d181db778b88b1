import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import { count } from '../static/analyze-model.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { fmt, outcome, showsOverfitting, sigmoidFinding, trainingFinding, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';

interface Params {
  /** The student's model, e.g. `higgs.giant`. */
  model: string;
  /** The model it must outgrow, e.g. the lab's `higgs.large`. */
  baseline: string;
  /** At least `minRatio` × the baseline's parameters (default 1). */
  minRatio?: number;
}

/**
 * ToDo 1: half the points for capacity (at least `minRatio` × the baseline's parameters),
 * half for a run that shows overfitting (training BCE falls while validation BCE rises past
 * its minimum). A sigmoid output costs 3 points.
 */
export const capacityOverfits = defineCheck<Params>({
  name: 'capacity-overfits',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['model', 'baseline'],
    properties: {
      model: { type: 'string' },
      baseline: { type: 'string' },
      minRatio: { type: 'number', exclusiveMinimum: 0, nullable: true },
    },
  },
  modelParams: ['model', 'baseline'],
  findings: [...USABLE_MODEL_FINDINGS, 'NOT_MORE_CAPACITY', 'NOT_TRAINED', 'NO_OVERFITTING', 'SIGMOID_WITH_LOGITS_LOSS'],
  run: scoreCapacityOverfits,
});

function scoreCapacityOverfits(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const { model: key, baseline: baselineKey } = item.with;
  const usable = usableModel(facts, key, item);
  if ('fail' in usable) return usable.fail;
  const { model } = usable;
  const baseline = facts.models[baselineKey]?.static;
  const minRatio = item.with.minRatio ?? 1;
  const half = item.points / 2;
  const findings: Finding[] = [];
  const lines: Line[] = [];
  let score = 0;

  const ratio = baseline ? model.static.params / baseline.params : Infinity;
  lines.push(baseline
    ? text('output.paramsRatio', { model: key, params: count(model.static.params), ratio: ratio.toFixed(2), baseline: baselineKey, baselineParams: count(baseline.params) })
    : text('output.params', { model: key, params: count(model.static.params) }));
  if (ratio >= minRatio) score += half;
  else {
    findings.push(finding('NOT_MORE_CAPACITY', 'error', {
      model: key, params: count(model.static.params), baseline: baselineKey, baselineParams: count(baseline?.params ?? 0),
      ratio: minRatio > 1 ? ` × ${minRatio}` : '',
    }, { model: key }));
  }

  const failed = trainingFinding(model);
  if (failed) findings.push(failed);
  else if (!model.training) {
    findings.push(finding('NOT_TRAINED', 'info', { model: key, profile: facts.profile, what: text('what.overfitting') }, { model: key }));
  } else {
    const t = model.training;
    lines.push(text('output.run', { epochs: t.epochsRun, best: fmt(t.bestValBce), epoch: t.bestEpoch ?? '—', train: fmt(t.finalTrainBce), val: fmt(t.finalValBce) }));
    if (showsOverfitting(t.history)) score += half;
    else findings.push(finding('NO_OVERFITTING', 'warning', { model: key, epochs: t.epochsRun }, { model: key }));
  }
  const sigmoid = sigmoidFinding(model);
  if (sigmoid) {
    findings.push(sigmoid);
    score -= 3;
  }
  return outcome(item, score, lines, findings);
}
