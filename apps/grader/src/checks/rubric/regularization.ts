import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { decide, seedRuns, type Decision } from '../verdicts/decide.js';
import { narrowingEvidence } from '../verdicts/narrowing.js';
import { majorityLine, undecidedFinding } from '../verdicts/explain.js';
import { fmt, outcome, sigmoidFinding, trainingFinding, undecided, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';

interface Params {
  /** The regularized model, e.g. `cats.regularized`. */
  model: string;
  /** The unregularized model whose gap it must narrow, e.g. `cats.large`. */
  baseline: string;
}

/**
 * ToDo 9: regularization present (L1/L2 penalty or Dropout; else 0), and the regularized model's
 * smoothed end-of-training gap (validation − training BCE) narrower than the unregularized
 * baseline's beyond noise (`narrowingEvidence`, seed by seed, decided by `decide`): a gap clearly
 * wider costs half, one the runs cannot tell costs nothing and is flagged. A sigmoid output or a
 * failed run costs half.
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
  findings: [...USABLE_MODEL_FINDINGS, 'NO_REGULARIZATION', 'SIGMOID_WITH_LOGITS_LOSS', 'NOT_TRAINED', 'GAP_NOT_NARROWED', 'VERDICT_UNDECIDED'],
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
  let decision: Decision | undefined;
  if (failed) {
    findings.push(failed);
    score -= half;
  } else if (!model.training) {
    findings.push(finding('NOT_TRAINED', 'info', { model: key, profile: facts.profile, what: text('what.gap') }, { model: key }));
  } else if (!baseline?.training || baseline.training.gap === null) {
    lines.push(text('output.noBaselineRun', { baseline: baselineKey }));
  } else {
    // Runs are compared seed by seed: with the same seed both train on the same split.
    const baselineRuns = new Map(seedRuns(baseline, facts.verdicts).map((r) => [r.seed, r.training]));
    const evidence = seedRuns(model, facts.verdicts).map(({ seed, training }) => {
      const other = baselineRuns.get(seed);
      return { seed, e: training && other ? narrowingEvidence(training.history, other.history) : null };
    });
    for (const { seed, e } of evidence) {
      lines.push(e
        ? text('output.gapEvidence', { seed, model: key, gap: fmt(e.gap), baseline: baselineKey, baselineGap: fmt(e.baselineGap), z: fmt(e.z, 1), verdict: text(`verdict.narrowing.${e.verdict}`) })
        : text('output.seedNotTrained', { seed }));
    }
    decision = decide(facts, evidence.map(({ e }) => e?.verdict ?? 'close'), [key, baselineKey]);
    if (evidence.length > 1) lines.push(majorityLine(decision));
    const primary = evidence[0]!.e;
    if (decision.state === 'fail') {
      findings.push(finding('GAP_NOT_NARROWED', 'error', { model: key, gap: fmt(primary?.gap), baseline: baselineKey, baselineGap: fmt(primary?.baselineGap), runs: evidence.length }, { model: key }));
      score -= half;
    } else if (decision.state === 'undecided') {
      findings.push(undecidedFinding(facts, key, text('question.gap'), decision, 'noisy'));
    }
  }
  const result = outcome(item, score, lines, findings);
  return decision?.state === 'undecided' ? undecided(result, decision.moreSeeds) : result;
}
