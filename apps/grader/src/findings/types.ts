import type { Params } from '../messages/text.js';

/** Stable finding codes: part of the results contract (Gradescope `extra_data.findings[].code`). */
export const FINDING_CODES = [
  'SIGMOID_WITH_LOGITS_LOSS',
  'THRESHOLD_ON_LOGITS',
  'WRONG_THRESHOLD',
  'TEST_SET_AS_VALIDATION',
  'NOT_MORE_CAPACITY',
  'NO_REGULARIZATION',
  'GAP_NOT_NARROWED',
  'NO_OVERFITTING',
  'TRAINING_DIVERGED',
  'TRAINING_FAILED',
  'TIME_BUDGET_EXCEEDED',
  'MEMORY_BUDGET_EXCEEDED',
  'PARAM_BUDGET_EXCEEDED',
  'FLOP_BUDGET_EXCEEDED',
  'SHAPE_MISMATCH',
  'INVALID_HYPERPARAMETER',
  'BAD_PREPROCESS',
  'MISSING_ANSWER',
  'SHORT_ANSWER',
  'MISSING_ITEM',
  'NOT_TRAINED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = 'error' | 'warning' | 'info';

/**
 * One thing the grader noticed, with how to fix it. `item` is the rubric number it costs points on.
 * `message` and `hint` are in one language; `params` fill them again in another (`localizeFinding`).
 */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  item?: string;
  model?: string;
  message: string;
  hint: string;
  params?: Params;
}
