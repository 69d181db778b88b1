import { ownerIn, type Owner } from '@fitcheck/core/errors';
import type { Params } from '../messages/text.js';

/**
 * Stable finding codes (part of the results contract: Gradescope `extra_data.findings[].code`), each
 * with who causes it. A finding is something the grader noticed about the submission and scores; a
 * fault that is not the student's (a crashed training process, a backend that will not start) is
 * never a finding: the grade is not computed (see `errors.ts`).
 */
export const FINDINGS = {
  SIGMOID_WITH_LOGITS_LOSS: 'submission',
  THRESHOLD_ON_LOGITS: 'submission',
  WRONG_THRESHOLD: 'submission',
  TEST_SET_AS_VALIDATION: 'submission',
  NOT_MORE_CAPACITY: 'submission',
  NO_REGULARIZATION: 'submission',
  GAP_NOT_NARROWED: 'submission',
  NO_OVERFITTING: 'submission',
  /** A model trained with another optimizer (or momentum) than its ToDo asks for. */
  WRONG_OPTIMIZER: 'submission',
  /** A model that reaches the target validation BCE no sooner than the one it races. */
  NOT_FASTER: 'submission',
  /** A learning-rate schedule whose value at a step is not the one its ToDo's schedule has. */
  SCHEDULE_MISMATCH: 'submission',
  TRAINING_DIVERGED: 'submission',
  /** The model could not train because of the submission (its data preprocess is unusable). */
  TRAINING_FAILED: 'submission',
  TIME_BUDGET_EXCEEDED: 'submission',
  MEMORY_BUDGET_EXCEEDED: 'submission',
  PARAM_BUDGET_EXCEEDED: 'submission',
  FLOP_BUDGET_EXCEEDED: 'submission',
  SHAPE_MISMATCH: 'submission',
  /** Two layers of one model with the same name: Keras refuses to build it. */
  DUPLICATE_LAYER_NAME: 'submission',
  INVALID_HYPERPARAMETER: 'submission',
  BAD_PREPROCESS: 'submission',
  MISSING_ANSWER: 'submission',
  SHORT_ANSWER: 'submission',
  MISSING_ITEM: 'submission',
  /**
   * The submission's own `student.id` (or e-mail) is not the one the roster or Gradescope names: a
   * note for the TA on no item, so it costs nothing; the course's identity stands.
   */
  STUDENT_ID_MISMATCH: 'submission',
  /** The profile does not train this model: nobody's fault, it costs nothing. */
  NOT_TRAINED: 'lab',
  /** The profile's runs cannot support a verdict (too short, too noisy, seeds disagree): it costs nothing, the TA decides. */
  VERDICT_UNDECIDED: 'lab',
} as const satisfies Record<string, Owner>;
export type FindingCode = keyof typeof FINDINGS;
export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

export function isFindingCode(code: string): code is FindingCode {
  return ownerIn(FINDINGS, code) !== undefined;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * One thing the grader noticed, with how to fix it: the one finding type of the grader, from the
 * checks to results.json, the report, the gradebook and the PR comment. `item` is the rubric number
 * it costs points on; `owner` is who caused it (`FINDINGS`). `message` and `hint` are in one
 * language; `params` fill them again in another (`localizeFinding`) and stay out of results.json.
 */
export interface Finding {
  code: FindingCode;
  owner: Owner;
  severity: Severity;
  item?: string;
  model?: string;
  message: string;
  hint: string;
  params?: Params;
  /** Where in the submission it is (`file:line:col`, 1-based), for annotations on the student's file. */
  file?: string;
  line?: number;
  column?: number;
}

/** A finding as results.json carries it: the same, without the parameters that re-localize it. */
export type ResultsFinding = Omit<Finding, 'params'>;
