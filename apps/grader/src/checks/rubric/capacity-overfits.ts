import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line, type Text } from '../../messages/text.js';
import type { RunFacts, StaticFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { decide, seedRuns, type Decision } from '../verdicts/decide.js';
import { overfittingEvidence, type OverfittingEvidence, type OverfittingReason } from '../verdicts/overfitting.js';
import { majorityLine, undecidedFinding } from '../verdicts/explain.js';
import { fmt, outcome, sigmoidFinding, trainingFinding, undecided, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';

interface Params {
  /** The student's model, e.g. `higgs.giant`. */
  model: string;
  /** The model it must outgrow, e.g. the lab's `higgs.large`. */
  baseline: string;
  /** At least `minRatio` × the baseline's parameters (default 1). */
  minRatio?: number;
}

/**
 * ToDo 1: half the points for capacity (at least `minRatio` × the baseline's parameters), half
 * for runs that show overfitting (`overfittingEvidence`: smoothed validation BCE rises past its
 * minimum beyond noise while training BCE falls), decided by `decide`: a run that cannot tell
 * costs nothing and is flagged. A sigmoid output costs 3 points.
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
  findings: [...USABLE_MODEL_FINDINGS, 'NOT_MORE_CAPACITY', 'NOT_TRAINED', 'NO_OVERFITTING', 'VERDICT_UNDECIDED', 'SIGMOID_WITH_LOGITS_LOSS'],
  // More epochs cannot undo a rise already beyond noise: the run may stop once it shows one.
  settles: { model: 'overfitting' },
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
  const bigEnough = ratio >= minRatio;
  lines.push(baseline
    ? text('output.paramsRatio', { model: key, params: model.static.params, ratio: fmt(ratio, 2), baseline: baselineKey, baselineParams: baseline.params })
    : text('output.params', { model: key, params: model.static.params }));
  if (bigEnough) score += half;
  else {
    findings.push(finding('NOT_MORE_CAPACITY', 'error', {
      model: key, params: model.static.params, baseline: baselineKey, baselineParams: baseline?.params ?? 0,
      ratio: minRatio > 1 ? text('output.times', { ratio: minRatio }) : '',
    }, { model: key }));
  }

  let decision: Decision | undefined;
  const failed = trainingFinding(model);
  if (failed) findings.push(failed);
  else if (!model.training) {
    // A profile that does not train the model has not checked it: that costs the student nothing.
    score += half;
    findings.push(finding('NOT_TRAINED', 'info', { model: key, profile: facts.profile, what: text('what.overfitting') }, { model: key }));
  } else {
    const t = model.training;
    lines.push(text('output.run', { epochs: t.epochsRun, best: fmt(t.bestValBce), epoch: t.bestEpoch ?? '—', train: fmt(t.finalTrainBce), val: fmt(t.finalValBce) }));
    const evidence = seedRuns(model, facts.verdicts).map(({ seed, training }) => ({ seed, e: training ? overfittingEvidence(training.history) : undefined }));
    for (const { seed, e } of evidence) lines.push(e ? overfittingLine(seed, e) : text('output.seedNotTrained', { seed }));
    decision = decide(facts, evidence.map(({ e }) => e?.verdict ?? 'close'), [key]);
    if (evidence.length > 1) lines.push(majorityLine(decision));
    const primary = evidence[0]!.e!;
    if (decision.state === 'pass') score += half;
    else if (decision.state === 'fail') {
      findings.push(finding('NO_OVERFITTING', 'error', {
        model: key, epochs: t.epochsRun, runs: evidence.length, cause: noOverfittingCause(primary.reason, bigEnough, model.static),
      }, { model: key }));
    } else {
      score += half;
      findings.push(undecidedFinding(facts, key, text('question.overfitting'), decision, primary.reason === 'still-falling' ? 'stillFalling' : 'noisy'));
    }
  }
  const sigmoid = sigmoidFinding(model);
  if (sigmoid) {
    findings.push(sigmoid);
    score -= 3;
  }
  const result = outcome(item, score, lines, findings);
  return decision?.state === 'undecided' ? undecided(result, decision.moreSeeds) : result;
}

/** One seed's overfitting evidence, as a line of the item's output. */
function overfittingLine(seed: number, e: OverfittingEvidence): Line {
  return text('output.overfitEvidence', { seed, epoch: e.bestEpoch, epochs: e.epochs, rise: fmt(e.rise, 3), z: fmt(e.z, 1), verdict: text(`verdict.overfitting.${e.verdict}`) });
}

/** Why a run that did not overfit did not: the cause its hint names (a real mistake, capacity, epochs). */
function noOverfittingCause(reason: OverfittingReason, bigEnough: boolean, model: StaticFacts): Text {
  if (model.hasDropout || model.hasWeightPenalty) return text('overfitCause.regularizedGiant');
  if (!bigEnough) return text('overfitCause.tooLittleCapacity');
  return text(reason === 'still-falling' ? 'overfitCause.tooFewEpochs' : 'overfitCause.tooLittleCapacity');
}
