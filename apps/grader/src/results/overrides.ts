import { formatIssue, loadConfigFile } from '@fitcheck/core';
import { graderSchema } from '../lab/schemas.js';
import { loadMessages, type Messages } from '../messages/locale.js';
import { renderText, text } from '../messages/text.js';
import type { GradescopeResults } from './gradescope.js';
import { round, scored } from './gradescope.js';
import { GraderError } from '../errors.js';

export interface Override {
  student: string;
  item: string;
  points: number;
  comment?: string;
}

/**
 * Reads a TA overrides file (YAML or JSON, schema `apps/grader/schemas/overrides.schema.json`).
 * @throws FitcheckError `INVALID_OVERRIDES` with every problem as `file:line:col: message`.
 */
export async function loadOverrides(file: string): Promise<Override[]> {
  const { value, errors } = await loadConfigFile(file, graderSchema('overrides.schema.json'));
  if (errors.length > 0) throw new GraderError('INVALID_OVERRIDES', errors.map(formatIssue).join('\n'), { file });
  return (value as { overrides: Override[] }).overrides;
}

/**
 * Merges the overrides for `results`' student: each named item takes the TA's points (capped at
 * its maximum) and comment, and is marked `manual`; the total is summed again.
 * @throws FitcheckError `INVALID_OVERRIDES` when an override names an item the rubric lacks.
 */
export function applyOverrides(
  results: GradescopeResults, overrides: readonly Override[], file = 'overrides', messages: Messages = loadMessages('en'),
): GradescopeResults {
  const student = results.extra_data.student.id;
  const mine = overrides.filter((o) => o.student === student);
  if (mine.length === 0) return results;
  const tests = results.tests.map((t) => ({ ...t, extra_data: { ...t.extra_data }, tags: [...t.tags] }));
  for (const o of mine) {
    const test = tests.find((t) => t.number === o.item);
    if (!test) {
      throw new GraderError('INVALID_OVERRIDES', `student ${o.student}: there is no rubric item "${o.item}"`, { file }, `items are ${tests.map((t) => t.number).join(', ')}`);
    }
    // A pending test has no score yet: the override gives it one, out of the item's points.
    Object.assign(test, scored(Math.min(o.points, test.extra_data.points), test.extra_data.points));
    const given = { score: test.score ?? 0, max: test.extra_data.points };
    test.output = `${test.output}\n${renderText(messages, o.comment ? text('results.taComment', { ...given, comment: o.comment }) : text('results.ta', given))}`;
    test.extra_data.status = 'manual';
    if (!test.tags.includes('override')) test.tags.push('override');
  }
  return { ...results, tests, score: round(tests.reduce((sum, t) => sum + (t.score ?? 0), 0)) };
}
