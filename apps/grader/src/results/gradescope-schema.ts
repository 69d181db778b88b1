import { loadConfigText, type ConfigIssue } from '@fitcheck/core';
import { graderSchema } from '../lab/schemas.js';

/** The schema of Gradescope's results.json specification, as written down in `apps/grader/schemas/`. */
export const GRADESCOPE_RESULTS_SCHEMA = 'gradescope-results.schema.json';

/**
 * What a results.json text does wrong against Gradescope's specification
 * (`gradescope-results.schema.json`): each problem at its `file:line:col`; none for a file
 * Gradescope reads as intended.
 */
export function gradescopeIssues(text: string, file = 'results.json'): ConfigIssue[] {
  return loadConfigText(text, file, graderSchema(GRADESCOPE_RESULTS_SCHEMA), { format: 'json' }).errors;
}
