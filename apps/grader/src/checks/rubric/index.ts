import { discoverModules } from '@fitcheck/core';
import { isRubricCheck, type RubricCheck } from '../types.js';

/**
 * Every rubric check: what `defineCheck` made in a file of this folder, the file named as the
 * check (`valid-model.ts`), found when the grader loads (docs/decisions/0012). Everything else
 * about checks — the names a rubric.yaml may use, the rubric schema's `check` enum and `with`
 * schemas, the lab-load cross-checks — is derived from these.
 */
export const RUBRIC_CHECKS: readonly RubricCheck[] = await discoverModules(
  new URL('./', import.meta.url),
  (url) => import(url),
  { is: isRubricCheck, fileOf: (check) => check.name },
);

/** The names a rubric.yaml may use (`check: valid-model`). */
export const CHECK_NAMES: readonly string[] = RUBRIC_CHECKS.map((c) => c.name);

const byName = new Map(RUBRIC_CHECKS.map((c) => [c.name, c]));

/** The check a rubric item names; undefined for a name no check has (loadLab refuses such a rubric). */
export function rubricCheck(name: string): RubricCheck | undefined {
  return byName.get(name);
}
