import { finding } from '../../findings/finding.js';
import type { Finding, FindingCode } from '../../findings/types.js';
import type { RubricItem } from '../../lab/types.js';
import { fixed, text, type Fixed, type Line } from '../../messages/text.js';
import { trainingDetail } from '../../run/training-error.js';
import type { ModelFacts, RunFacts, StaticFacts } from '../facts.js';
import type { CheckOutcome } from '../types.js';

/** What an outcome needs of its item: its number (findings are tagged with it) and its points. */
export type ItemRef = Pick<RubricItem, 'number' | 'points'>;

/** Score clamped to [0, points], status from it, findings tagged with the item. */
export function outcome(item: ItemRef, score: number, lines: Line[], findings: Finding[]): CheckOutcome {
  const clamped = Math.max(0, Math.min(item.points, round(score)));
  return {
    score: clamped,
    status: clamped >= item.points ? 'passed' : 'failed',
    lines,
    findings: findings.map((f) => ({ ...f, item: item.number })),
  };
}

/**
 * The outcome with a verdict the run could not decide: whatever it scored (an undecided part
 * costs no points), flagged `undecided` for the TA, with the models more seeds of could settle it.
 */
export function undecided(result: CheckOutcome, moreSeeds: readonly string[]): CheckOutcome {
  return { ...result, status: 'undecided', ...(moreSeeds.length > 0 ? { moreSeeds: [...moreSeeds] } : {}) };
}

/** A model that exists and passed its static checks, or the outcome that scores the item 0. */
export function usableModel(facts: RunFacts, key: string, item: ItemRef): { model: ModelFacts & { static: StaticFacts } } | { fail: CheckOutcome } {
  const model = facts.models[key];
  if (!model?.spec) {
    const what = key.replace('.', '.models.');
    return { fail: outcome(item, 0, [text('output.notSubmitted', { what: key })], [finding('MISSING_ITEM', 'error', { what }, { model: key })]) };
  }
  const fatal = model.staticFindings.filter((f) => f.severity === 'error');
  if (fatal.length > 0 || !model.static) {
    return { fail: outcome(item, 0, fatal.map((f) => text(`finding.${f.code}.message`, f.params)), model.staticFindings) };
  }
  // A run stopped for its time or memory budget scores the item 0, whatever its epochs showed.
  const breach = trainingFinding(model);
  if (breach && BUDGET_CODES.has(breach.code)) return { fail: outcome(item, 0, [text(`finding.${breach.code}.message`, breach.params)], [breach]) };
  return { model: model as ModelFacts & { static: StaticFacts } };
}

/** The lab's loss is BCE from logits: a sigmoid output applies the sigmoid twice. */
export function sigmoidFinding(model: ModelFacts & { static: StaticFacts }): Finding | undefined {
  return model.static.outputActivation === 'sigmoid'
    ? finding('SIGMOID_WITH_LOGITS_LOSS', 'error', { model: model.key }, { model: model.key })
    : undefined;
}

/** Training stopped by the grader for a budget (`trainIsolated`): the item scores 0. */
const BUDGET_CODES: ReadonlySet<FindingCode> = new Set(['TIME_BUDGET_EXCEEDED', 'MEMORY_BUDGET_EXCEEDED'] as const);

/** Findings {@link trainingFinding} may give. */
export const TRAINING_FINDINGS = ['TRAINING_DIVERGED', 'TIME_BUDGET_EXCEEDED', 'MEMORY_BUDGET_EXCEEDED', 'TRAINING_FAILED'] as const satisfies readonly FindingCode[];

/** Findings {@link usableModel} may give: a missing model, its static findings (analyzeModel), a budget breach. */
export const USABLE_MODEL_FINDINGS = [
  'MISSING_ITEM', 'INVALID_HYPERPARAMETER', 'DUPLICATE_LAYER_NAME', 'SHAPE_MISMATCH', 'PARAM_BUDGET_EXCEEDED', 'FLOP_BUDGET_EXCEEDED', ...TRAINING_FINDINGS,
] as const satisfies readonly FindingCode[];

/** Why a model has no usable training result, as a finding (undefined when it trained fine). */
export function trainingFinding(model: ModelFacts): Finding | undefined {
  if (!model.trainingError) return undefined;
  const code = TRAINING_FINDINGS.find((c) => c === model.trainingError!.code) ?? 'TRAINING_FAILED';
  return finding(code, 'error', { model: model.key, detail: trainingDetail(model.trainingError) }, { model: model.key });
}

/** A measured value in a sentence: `digits` decimals in the reader's locale (`0,6123` in pt-BR), `—` when missing. */
export function fmt(x: number | null | undefined, digits = 4): Fixed | string {
  return fixed(x, digits);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
