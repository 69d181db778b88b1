import type { Fault } from '../errors.js';
import { FINDINGS, type FindingCode } from '../findings/types.js';
import type { BatchEntry, SubmissionStatus } from './batch-entry.js';
import type { TestStatus } from '../results/test-status.js';
import type { ClassRow } from './class-rows.js';
import { digestResults } from './results-digest.js';

/** A results.json test as the gradebook reads it: pending ones have no score. */
export interface TestRow {
  number: string;
  name: string;
  score?: number;
  max_score?: number;
  extra_data?: { status: TestStatus; points: number };
}

/** A ToDo worth 10 points: scored (`auto`, or `undecided`), or `pending` (no score). */
export function todo(number: string, score: number | 'pending', status: TestStatus = 'auto'): TestRow {
  const name = `ToDo ${number}`;
  if (score === 'pending') return { number, name, extra_data: { status: 'pending', points: 10 } };
  return { number, name, score, max_score: 10, extra_data: { status, points: 10 } };
}

/** A class row as the batch would read it back: a Gradescope results.json plus its batch entry. */
export function classRow(
  key: string,
  status: SubmissionStatus,
  student: { id: string; name: string; submittedId?: string },
  tests: TestRow[],
  findings: FindingCode[] = [],
  fault: Fault | null = null,
): ClassRow {
  const entry: BatchEntry = { folder: key, key, studentId: student.id, studentName: student.name, status, exitCode: status === 'graded' ? 0 : status === 'invalid' ? 2 : 1, signal: null };
  const results = {
    score: tests.reduce((s, t) => s + (t.score ?? 0), 0),
    tests,
    extra_data: { student, status, fault, findings: findings.map((code) => ({ code, owner: FINDINGS[code], severity: 'error', message: `${code} found`, hint: '' })) },
  };
  return { entry, digest: digestResults(results) };
}
