import { loadConfigFile } from '@fitcheck/core';
import { graderSchema } from '../lab/schemas.js';
import { loadMessages, type Messages } from '../messages/locale.js';
import { renderText, text } from '../messages/text.js';
import { readCsvRows } from './csv-rows.js';
import type { GradescopeResults } from './gradescope.js';
import { round, scored } from './gradescope.js';
import { GraderError } from '../errors.js';

export interface Override {
  student: string;
  item: string;
  points: number;
  comment?: string;
}

/** The columns of an overrides CSV (a TA's spreadsheet): `comment` may be left out. */
export const OVERRIDE_COLUMNS = ['student', 'item', 'points', 'comment'] as const;

/**
 * Reads a TA overrides file: a CSV with a header `student,item,points[,comment]` (one row per
 * student and item, as a spreadsheet exports it), or YAML / JSON (schema
 * `apps/grader/schemas/overrides.schema.json`).
 * @throws GraderError `INVALID_OVERRIDES` with every problem (`file:line:col: message`) and the fix.
 */
export async function loadOverrides(file: string): Promise<Override[]> {
  if (file.toLowerCase().endsWith('.csv')) return loadOverridesCsv(file);
  const { value, errors } = await loadConfigFile(file, graderSchema('overrides.schema.json'));
  if (errors.length > 0) throw new GraderError('INVALID_OVERRIDES', errors, {}, text('errBatch.overridesFileFix'));
  return (value as { overrides: Override[] }).overrides;
}

async function loadOverridesCsv(file: string): Promise<Override[]> {
  const fix = text('errBatch.overridesCsvFix', { columns: OVERRIDE_COLUMNS.join(',') });
  const rows = await readCsvRows(file, 'INVALID_OVERRIDES', fix);
  const missing = OVERRIDE_COLUMNS.slice(0, 3).filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (missing.length > 0) {
    const said = text(missing.length === 1 ? 'errBatch.overridesNoColumn' : 'errBatch.overridesNoColumns', { columns: missing.join(', ') });
    throw new GraderError('INVALID_OVERRIDES', said, { file, line: 1 }, fix);
  }
  return rows.map((row, i) => {
    const line = i + 2;
    const points = Number(row.points);
    if ((row.student ?? '') === '' || (row.item ?? '') === '') {
      throw new GraderError('INVALID_OVERRIDES', text(row.student ? 'errBatch.overridesNoItem' : 'errBatch.overridesNoStudent'), { file, line }, fix);
    }
    if (row.points === undefined || row.points === '' || !Number.isFinite(points) || points < 0) {
      throw new GraderError('INVALID_OVERRIDES', text('errBatch.overridesBadPoints', { points: row.points ?? '' }), { file, line }, fix);
    }
    return { student: row.student!, item: row.item!, points, ...(row.comment !== undefined && row.comment !== '' && { comment: row.comment }) };
  });
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
      throw new GraderError('INVALID_OVERRIDES', text('errBatch.overridesUnknownItem', { student: o.student, item: o.item }), { file },
        text('errBatch.overridesUnknownItemFix', { items: tests.map((t) => t.number).join(', ') }));
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
