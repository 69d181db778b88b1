import { readTextFile } from '@fitcheck/core';
import { CsvError, parse } from 'csv-parse/sync';
import { GraderError } from '../errors.js';
import type { StudentIdentity } from '../submission/identity.js';

/** The columns a roster needs (others are ignored): the student's folder name, their id, their name. */
export const ROSTER_COLUMNS = ['login', 'id', 'name'] as const;
const MAX_ROSTER_BYTES = 16 * 1024 * 1024;

/**
 * Reads the TA's roster (`--roster class.csv`: a header with `login`, `id` and `name`, one row per
 * student; `login` is the student's folder name in the class folder, as a GitHub Classroom export
 * names it). Identities by login.
 * @throws GraderError `INVALID_ROSTER` naming the file, the line and the fix.
 */
export async function readRoster(file: string): Promise<Map<string, StudentIdentity>> {
  const fix = `a roster is a CSV file with a header naming ${ROSTER_COLUMNS.join(', ')}, one row per student`;
  let rows: Record<string, string>[];
  try {
    const text = await readTextFile(file, { maxBytes: MAX_ROSTER_BYTES });
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (e) {
    const line = e instanceof CsvError ? (e as CsvError & { lines?: number }).lines : undefined;
    throw new GraderError('INVALID_ROSTER', e instanceof Error ? e.message : String(e), { file, ...(line !== undefined && { line }) }, fix);
  }
  const missing = ROSTER_COLUMNS.filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (rows.length === 0 || missing.length > 0) {
    throw new GraderError('INVALID_ROSTER', rows.length === 0 ? 'the roster has no students' : `the roster has no ${missing.join(', ')} column`, { file, line: 1 }, fix);
  }
  const roster = new Map<string, StudentIdentity>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const [login, id, name] = ROSTER_COLUMNS.map((c) => row[c] ?? '');
    if (login === '' || id === '') throw new GraderError('INVALID_ROSTER', `row ${line - 1} has no ${login === '' ? 'login' : 'id'}`, { file, line }, fix);
    if (roster.has(login!)) throw new GraderError('INVALID_ROSTER', `login "${login}" is listed twice`, { file, line }, 'keep one row per student');
    roster.set(login!, { id: id!, name: name === '' ? null : name!, source: 'roster', sid: id! });
  });
  return roster;
}
