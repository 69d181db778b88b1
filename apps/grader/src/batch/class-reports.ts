import { join } from 'node:path';
import { writeFileAtomic } from '../out/write-out.js';
import type { Lang } from '../messages/locale.js';
import { CLASS_REPORT_FILE, classLang, renderClassReport } from './class-report.js';
import type { ClassRow } from './class-rows.js';
import { formatGradebook } from './gradebook.js';
import { formatSummary } from './summary.js';

export const GRADEBOOK_FILE = 'gradebook.csv';
export const SUMMARY_FILE = 'summary.md';

/**
 * Writes OUT/gradebook.csv, OUT/summary.md and OUT/class-report.html (the TAs' page, in `lang`,
 * default the language the class's results.json are in), each atomically.
 */
export async function writeClassReports(out: string, rows: readonly ClassRow[], lang: Lang = classLang(rows)): Promise<void> {
  await writeFileAtomic(join(out, GRADEBOOK_FILE), formatGradebook(rows));
  await writeFileAtomic(join(out, SUMMARY_FILE), formatSummary(rows, lang));
  await writeFileAtomic(join(out, CLASS_REPORT_FILE), renderClassReport(rows, { lang, out }));
}
