import { join } from 'node:path';
import { readBatchState } from '../batch/batch-state.js';
import type { Lang } from '../messages/locale.js';
import { text } from '../messages/text.js';
import { writeFileAtomic } from '../out/write-out.js';
import type { GradescopeResults } from '../results/gradescope.js';
import type { ReportInput } from './types.js';

/** Beside results.json in every graded OUT: what `regrade` needs to score and report again without training. */
export const GRADE_RECORD_FILE = 'grade-record.json';
const VERSION = 1;

/**
 * A grade as it was measured, before any TA's overrides: its results.json (unescaped) and its
 * report (curves, summaries, classification reports, answers: `ReportInput`), in its language.
 * `regrade` applies the TA's overrides to it and writes results.json and the report again.
 */
export interface GradeRecord {
  version: typeof VERSION;
  lang: Lang;
  results: GradescopeResults;
  report: ReportInput;
}

export async function writeGradeRecord(out: string, record: Omit<GradeRecord, 'version'>): Promise<void> {
  await writeFileAtomic(join(out, GRADE_RECORD_FILE), `${JSON.stringify({ version: VERSION, ...record })}\n`);
}

const SCHEMA = {
  type: 'object',
  required: ['version', 'lang', 'results', 'report'],
  properties: {
    version: { const: VERSION },
    lang: { enum: ['en', 'pt-BR'] },
    results: { type: 'object', required: ['score', 'tests', 'extra_data'], properties: { score: { type: 'number' }, tests: { type: 'array' }, extra_data: { type: 'object' } } },
    report: { type: 'object', required: ['todos', 'runs'], properties: { todos: { type: 'array' }, runs: { type: 'object' } } },
  },
} as const;

/**
 * The record of the grade in `dir`. One that is missing, torn or edited by hand is
 * `INVALID_BATCH_STATE` naming the file and the fix (grade that submission again).
 */
export async function readGradeRecord(dir: string): Promise<GradeRecord> {
  return readBatchState<GradeRecord>(join(dir, GRADE_RECORD_FILE), SCHEMA, text('errBatch.gradeRecordFix', { dir, file: GRADE_RECORD_FILE }));
}
