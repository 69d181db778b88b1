import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FitcheckError } from '@fitcheck/core';
import { acquireBatchLock } from '../batch/batch-lock.js';
import { RESULTS_FILE } from '../batch/batch-entry.js';
import { printClassReports } from '../batch/class-pdfs.js';
import { writeClassReports } from '../batch/class-reports.js';
import { readClassRows } from '../batch/class-rows.js';
import { MANIFEST_FILE, readManifest } from '../batch/manifest.js';
import { GraderError } from '../errors.js';
import { loadMessages } from '../messages/locale.js';
import { text } from '../messages/text.js';
import { readGradeRecord } from '../report/grade-record.js';
import { reportWithResults } from '../report/from-grade.js';
import { writeReport } from '../report/write-report.js';
import { applyOverrides, loadOverrides, type Override } from '../results/overrides.js';
import { writeResults } from '../results/write-results.js';

export interface RegradeOptions {
  /** A batch's OUT (with batch-manifest.json) or one grade's OUT (with results.json). */
  out: string;
  overrides: string;
  /** Print every report again as PDF, with one browser. */
  pdf?: boolean;
}

export interface RegradeOutcome {
  /** The student folders scored again (`.` for one grade's OUT). */
  regraded: string[];
  /** Not graded (their grade could not be computed): no scores to override; the TA grades them again. */
  skipped: string[];
  /** Override rows naming a student who has no submission in OUT. */
  unmatched: Override[];
  pdfs?: { printed: number; error?: FitcheckError<string> };
}

/**
 * Applies the TA's overrides (`--overrides`, CSV or YAML) to grades already computed, and trains
 * nothing: each submission's `grade-record.json` (written at grade time: its results and report as
 * measured, before any override) gets the overrides — every time from that record, so applying a
 * file twice gives what applying it once does — and `results.json` and `report.html` are written
 * again; in a batch's OUT, `gradebook.csv` and `summary.md` too, under the batch's lock. With `pdf`,
 * every report is printed again with one browser.
 * @throws GraderError `NOT_A_BATCH_OUTPUT` for a folder that holds neither, `INVALID_OVERRIDES`, `INVALID_BATCH_STATE`.
 */
export async function regrade(options: RegradeOptions): Promise<RegradeOutcome> {
  // Read first: a broken overrides file changes nothing.
  const overrides = await loadOverrides(options.overrides);
  if (existsSync(join(options.out, MANIFEST_FILE))) return regradeBatch(options, overrides);
  if (!existsSync(join(options.out, RESULTS_FILE))) {
    throw new GraderError('NOT_A_BATCH_OUTPUT', text('errBatch.notAnOutput', { manifest: MANIFEST_FILE, results: RESULTS_FILE, out: options.out }), { file: options.out },
      text('errBatch.notAnOutputFix'));
  }
  const one = await regradeOne(options.out, overrides, options.overrides);
  const pdfs = options.pdf && one.regraded ? await printClassReports(options.out, ['.']) : undefined;
  return {
    regraded: one.regraded ? ['.'] : [], skipped: one.regraded ? [] : ['.'],
    unmatched: overrides.filter((o) => o.student !== one.student), ...(pdfs && { pdfs }),
  };
}

async function regradeBatch(options: RegradeOptions, overrides: Override[]): Promise<RegradeOutcome> {
  await readManifest(options.out);
  const release = await acquireBatchLock(options.out);
  try {
    const rows = await readClassRows(options.out);
    const regraded: string[] = [];
    const skipped: string[] = [];
    const students = new Set<string>();
    for (const { entry } of rows) {
      const one = await regradeOne(join(options.out, entry.key), overrides, options.overrides);
      (one.regraded ? regraded : skipped).push(entry.key);
      if (one.student !== null) students.add(one.student);
    }
    await writeClassReports(options.out, await readClassRows(options.out));
    const pdfs = options.pdf ? await printClassReports(options.out, regraded) : undefined;
    return { regraded, skipped, unmatched: overrides.filter((o) => !students.has(o.student)), ...(pdfs && { pdfs }) };
  } finally {
    await release();
  }
}

/** One submission's folder scored again from its record, unless its grade could not be computed (nothing to override). */
async function regradeOne(dir: string, overrides: Override[], file: string): Promise<{ regraded: boolean; student: string | null }> {
  const record = await readGradeRecord(dir);
  const student = record.results.extra_data.student.id;
  if (record.results.extra_data.status === 'error') return { regraded: false, student };
  const messages = loadMessages(record.lang);
  const results = applyOverrides(record.results, overrides, file, messages);
  const mine = overrides.filter((o) => o.student === results.extra_data.student.id);
  await writeResults(dir, results);
  await writeReport(dir, reportWithResults(record.report, results, mine), { lang: record.lang });
  return { regraded: true, student };
}
