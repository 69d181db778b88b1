import type { Fault } from '../errors.js';
import { FINDINGS, type FindingCode } from '../findings/types.js';
import type { BatchEntry, SubmissionStatus } from './batch-entry.js';
import type { ClassRow } from './class-rows.js';
import { digestResults } from './results-digest.js';

/** A class row as the batch would read it back: a Gradescope results.json plus its batch entry. */
export function classRow(
  key: string,
  status: SubmissionStatus,
  student: { id: string; name: string },
  tests: { number: string; name: string; score: number; max_score: number }[],
  findings: FindingCode[] = [],
  fault: Fault | null = null,
): ClassRow {
  const entry: BatchEntry = { folder: key, key, studentId: student.id, studentName: student.name, status, exitCode: status === 'graded' ? 0 : status === 'invalid' ? 2 : 1, signal: null };
  const results = {
    score: tests.reduce((s, t) => s + t.score, 0),
    tests,
    extra_data: { student, status, fault, findings: findings.map((code) => ({ code, owner: FINDINGS[code], severity: 'error', message: `${code} found`, hint: '' })) },
  };
  return { entry, digest: digestResults(results) };
}
