import { join } from 'node:path';
import { writeFileAtomic } from '../out/write-out.js';
import type { ClassRow } from './class-rows.js';
import { formatGradebook } from './gradebook.js';
import { formatSummary } from './summary.js';

export const GRADEBOOK_FILE = 'gradebook.csv';
export const SUMMARY_FILE = 'summary.md';

/** Writes OUT/gradebook.csv and OUT/summary.md, each atomically. */
export async function writeClassReports(out: string, rows: readonly ClassRow[]): Promise<void> {
  await writeFileAtomic(join(out, GRADEBOOK_FILE), formatGradebook(rows));
  await writeFileAtomic(join(out, SUMMARY_FILE), formatSummary(rows));
}
