import type { History } from '@fitcheck/core';
import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import type { RubricItem } from '../../lab/types.js';
import type { ModelFacts, RunFacts, StaticFacts } from '../facts.js';
import type { CheckOutcome } from '../types.js';

/** A string parameter of a rubric item (`with: { model: cats.large }`). */
export function param(item: RubricItem, key: string): string | undefined {
  const v = item.with?.[key];
  return v === undefined ? undefined : String(v);
}

export function numberParam(item: RubricItem, key: string, fallback: number): number {
  const v = item.with?.[key];
  return typeof v === 'number' ? v : fallback;
}

/** Score clamped to [0, points], status from it, findings tagged with the item. */
export function outcome(item: RubricItem, score: number, lines: string[], findings: Finding[]): CheckOutcome {
  const clamped = Math.max(0, Math.min(item.points, round(score)));
  return {
    score: clamped,
    status: clamped >= item.points ? 'passed' : 'failed',
    output: lines.join('\n'),
    findings: findings.map((f) => ({ ...f, item: item.number })),
  };
}

/** A model that exists and passed its static checks, or the outcome that scores the item 0. */
export function usableModel(facts: RunFacts, key: string, item: RubricItem): { model: ModelFacts & { static: StaticFacts } } | { fail: CheckOutcome } {
  const model = facts.models[key];
  if (!model?.spec) {
    const what = key.replace('.', '.models.');
    return { fail: outcome(item, 0, [`${key}: not submitted`], [finding('MISSING_ITEM', 'error', { what }, { model: key })]) };
  }
  const fatal = model.staticFindings.filter((f) => f.severity === 'error');
  if (fatal.length > 0 || !model.static) {
    return { fail: outcome(item, 0, fatal.map((f) => f.message), model.staticFindings) };
  }
  return { model: model as ModelFacts & { static: StaticFacts } };
}

/** The lab's loss is BCE from logits: a sigmoid output applies the sigmoid twice. */
export function sigmoidFinding(model: ModelFacts & { static: StaticFacts }): Finding | undefined {
  return model.static.outputActivation === 'sigmoid'
    ? finding('SIGMOID_WITH_LOGITS_LOSS', 'error', { model: model.key }, { model: model.key })
    : undefined;
}

/** Why a model has no usable training result, as a finding (undefined when it trained fine). */
export function trainingFinding(model: ModelFacts): Finding | undefined {
  if (!model.trainingError) return undefined;
  const code = model.trainingError.code === 'TRAINING_DIVERGED' ? 'TRAINING_DIVERGED' : 'TRAINING_FAILED';
  return finding(code, 'error', { model: model.key, detail: model.trainingError.message }, { model: model.key });
}

/**
 * Overfitting as the lab shows it: validation BCE passed its minimum and rose again (by more
 * than `tolerance`, relative) while training BCE kept falling below its value at that minimum.
 */
export function showsOverfitting(history: History, tolerance = 0.02): boolean {
  const val = history.history.val_binary_crossentropy;
  const train = history.history.binary_crossentropy;
  if (val.length < 3) return false;
  const best = val.indexOf(Math.min(...val));
  const last = val.length - 1;
  return best < last && val[last]! > val[best]! * (1 + tolerance) && train[last]! < train[best]!;
}

export function fmt(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined ? '—' : x.toFixed(digits);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
