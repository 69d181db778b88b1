import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';
import { readCsvRows } from '../results/csv-rows.js';
import type { StudentIdentity } from '../submission/identity.js';

/** The columns a roster needs (others are ignored): the student's folder name, their id, their name. */
export const ROSTER_COLUMNS = ['login', 'id', 'name'] as const;

/**
 * Reads the TA's roster (`--roster class.csv`: a header with `login`, `id` and `name`, one row per
 * student; `login` is the student's folder name in the class folder, as a GitHub Classroom export
 * names it). Identities by login.
 * @throws GraderError `INVALID_ROSTER` naming the file, the line and the fix.
 */
export async function readRoster(file: string): Promise<Map<string, StudentIdentity>> {
  const fix = text('errBatch.rosterFix', { columns: ROSTER_COLUMNS.join(', ') });
  const rows = await readCsvRows(file, 'INVALID_ROSTER', fix);
  const missing = ROSTER_COLUMNS.filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (rows.length === 0) throw new GraderError('INVALID_ROSTER', text('errBatch.rosterEmpty'), { file, line: 1 }, fix);
  if (missing.length > 0) {
    const said = text(missing.length === 1 ? 'errBatch.rosterNoColumn' : 'errBatch.rosterNoColumns', { columns: missing.join(', ') });
    throw new GraderError('INVALID_ROSTER', said, { file, line: 1 }, fix);
  }
  const roster = new Map<string, StudentIdentity>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const [login, id, name] = ROSTER_COLUMNS.map((c) => row[c] ?? '');
    if (login === '' || id === '') throw new GraderError('INVALID_ROSTER', text(login === '' ? 'errBatch.rosterNoLogin' : 'errBatch.rosterNoId', { row: line - 1 }), { file, line }, fix);
    if (roster.has(login!)) throw new GraderError('INVALID_ROSTER', text('errBatch.rosterTwice', { login: login! }), { file, line }, text('errBatch.rosterTwiceFix'));
    roster.set(login!, { id: id!, name: name === '' ? null : name!, source: 'roster', sid: id! });
  });
  return roster;
}
