import type { RubricCheck } from '../types.js';
import { capacityOverfits } from './capacity-overfits.js';
import { classificationReportCheck } from './classification-report.js';
import { convergesFaster } from './converges-faster.js';
import { optimizerSetup } from './optimizer-setup.js';
import { preprocess } from './preprocess.js';
import { regularization } from './regularization.js';
import { scheduleValues } from './schedule-values.js';
import { textAnswer } from './text-answer.js';
import { validModel } from './valid-model.js';

/**
 * Every rubric check. Everything else about checks — the names a rubric.yaml may use, the rubric
 * schema's `check` enum and `with` schemas, the lab-load cross-checks — is derived from this list.
 */
export const RUBRIC_CHECKS: readonly RubricCheck[] = [
  capacityOverfits, textAnswer, preprocess, validModel, regularization, classificationReportCheck,
  optimizerSetup, convergesFaster, scheduleValues,
];

/** The names a rubric.yaml may use (`check: valid-model`). */
export const CHECK_NAMES: readonly string[] = RUBRIC_CHECKS.map((c) => c.name);

const byName = new Map(RUBRIC_CHECKS.map((c) => [c.name, c]));

/** The check a rubric item names; undefined for a name no check has (loadLab refuses such a rubric). */
export function rubricCheck(name: string): RubricCheck | undefined {
  return byName.get(name);
}
