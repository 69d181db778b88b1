import { smooth } from '@fitcheck/core';
import type { History } from '@fitcheck/core';
import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import type { RunFacts, TrainingFacts } from '../facts.js';
import { smoothingFor } from '../history-facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { decide, seedRuns, type Decision } from '../verdicts/decide.js';
import { majorityLine, undecidedFinding } from '../verdicts/explain.js';
import type { Verdict } from '../verdicts/verdict.js';
import { fmt, outcome, trainingFinding, undecided, USABLE_MODEL_FINDINGS, usableModel } from './helpers.js';

interface Params {
  /** The model that should get there first, e.g. `higgs.momentum`. */
  model: string;
  /** The model it races, e.g. `higgs.sgd`. */
  baseline: string;
  /** The validation BCE (smoothed, as the lab plots it) both race to. */
  targetValBce: number;
}

/**
 * "Momentum reaches a validation BCE of 0.64 in fewer epochs than plain SGD": per seed, the first
 * epoch at which each model's smoothed validation BCE is at or below `targetValBce` (`epochsToTarget`).
 * A seed passes when the model gets there and the baseline does not, or gets there later; fails
 * when the baseline is there first (or alone); is close when neither gets there. Decided by `decide`
 * (a provisional profile's failure, or a close race, costs nothing and is flagged for the TA).
 */
export const convergesFaster = defineCheck<Params>({
  name: 'converges-faster',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['model', 'baseline', 'targetValBce'],
    properties: {
      model: { type: 'string' },
      baseline: { type: 'string' },
      targetValBce: { type: 'number', exclusiveMinimum: 0 },
    },
  },
  modelParams: ['model', 'baseline'],
  findings: [...USABLE_MODEL_FINDINGS, 'NOT_TRAINED', 'NOT_FASTER', 'VERDICT_UNDECIDED'],
  run: scoreConvergesFaster,
});

/** Epochs run until the smoothed validation BCE is first at or below `target` (1 = after the first epoch), or null. */
export function epochsToTarget(history: History, target: number): number | null {
  const raw = history.history.val_binary_crossentropy;
  if (raw.length === 0) return null;
  const curve = smooth(raw, smoothingFor(raw.length));
  const i = curve.findIndex((v) => v <= target);
  return i === -1 ? null : (history.epoch[i] ?? i) + 1;
}

function scoreConvergesFaster(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const { model: key, baseline: baselineKey, targetValBce: target } = item.with;
  for (const k of [key, baselineKey]) {
    const usable = usableModel(facts, k, item);
    if ('fail' in usable) return usable.fail;
  }
  const model = facts.models[key]!;
  const baseline = facts.models[baselineKey]!;
  const failed = trainingFinding(model);
  if (failed) return outcome(item, 0, [text(`finding.${failed.code}.message`, failed.params)], [failed]);
  if (!model.training || !baseline.training) {
    // A profile that does not train both has not raced them: that costs the student nothing.
    const missing = model.training ? baselineKey : key;
    return outcome(item, item.points, [], [finding('NOT_TRAINED', 'info', { model: missing, profile: facts.profile, what: text('what.convergence') }, { model: missing })]);
  }

  const lines: Line[] = [];
  const runs = seedRuns(model, facts.verdicts).map(({ seed, training }) => {
    const other = seedRuns(baseline, facts.verdicts).find((r) => r.seed === seed)?.training;
    const race = training && other ? raceOf(training, other, target) : undefined;
    lines.push(race
      ? text('output.race', { seed, model: key, epochs: race.model ?? '—', baseline: baselineKey, baselineEpochs: race.baseline ?? '—', target: fmt(target, 3), verdict: text(`verdict.race.${race.verdict}`) })
      : text('output.seedNotTrained', { seed }));
    return race;
  });
  const decision: Decision = decide(facts, runs.map((r) => r?.verdict ?? 'close'), [key, baselineKey]);
  if (runs.length > 1) lines.push(majorityLine(decision));
  const findings: Finding[] = [];
  let score = item.points;
  if (decision.state === 'fail') {
    const first = runs[0]!;
    findings.push(finding('NOT_FASTER', 'error', {
      model: key, baseline: baselineKey, target: fmt(target, 3), epochs: first.model ?? '—', baselineEpochs: first.baseline ?? '—',
    }, { model: key }));
    score = 0;
  } else if (decision.state === 'undecided') {
    findings.push(undecidedFinding(facts, key, text('question.faster', { baseline: baselineKey, target: fmt(target, 3) }), decision, 'noisy'));
  }
  const result = outcome(item, score, lines, findings);
  return decision.state === 'undecided' ? undecided(result, decision.moreSeeds) : result;
}

/** One seed's race: epochs each model took to reach the target, and what that says. */
function raceOf(model: TrainingFacts, baseline: TrainingFacts, target: number): { model: number | null; baseline: number | null; verdict: Verdict } {
  const m = epochsToTarget(model.history, target);
  const b = epochsToTarget(baseline.history, target);
  const verdict: Verdict = m !== null && (b === null || m < b) ? 'pass' : b !== null ? 'fail' : 'close';
  return { model: m, baseline: b, verdict };
}
