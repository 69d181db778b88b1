import { join, relative } from 'node:path';
import { isFitcheckError, type FitcheckError } from '@fitcheck/core';
import { langOf, type Messages } from '../messages/locale.js';
import { replaceDir } from '../out/write-out.js';
import { writeTensorboardLogs } from '../tensorboard/write-histories.js';
import { printPdf } from './browser.js';
import { reportInputFromGrade, type GradeForReport } from './from-grade.js';
import { writeReport } from './write-report.js';
import { writeGradeRecord } from './grade-record.js';

export interface PublishOptions {
  out: string;
  /** Also print `report.pdf` with the system Chromium. */
  pdf?: boolean;
  /** ISO date-time shown in the report (default: now). */
  date?: string;
}

export interface Published {
  html: string;
  /** Null without `pdf`, or when the PDF could not be printed (`pdfError` says why). */
  pdf: string | null;
  pdfError?: FitcheckError<string>;
  /** `OUT/tensorboard/<group>/<Run>` folders written. */
  tensorboard: string[];
}

/**
 * Everything a grading run shows besides results.json, which the caller has already written (so
 * nothing here can lose it): `OUT/grade-record.json` (for `regrade`), TensorBoard logs of the
 * trained runs under `OUT/tensorboard/`, then `OUT/report.html`, then with `pdf` `OUT/report.pdf`. A missing browser (`NO_BROWSER`) is returned
 * as `pdfError`, not thrown: the HTML is there and the grade stands.
 */
export async function publishReport(grade: GradeForReport, messages: Messages, options: PublishOptions): Promise<Published> {
  const input = reportInputFromGrade(grade, messages, options.date);
  // What `regrade` needs to score and report again with other overrides, without training: the run before any override.
  const base = grade.baseResults ?? grade.results;
  await writeGradeRecord(options.out, { lang: langOf(messages), results: base, report: reportInputFromGrade({ ...grade, results: base, overrides: [] }, messages, input.date) });
  // Written into a fresh folder and renamed into place: never through a link planted as OUT/tensorboard.
  const tensorboardDir = join(options.out, 'tensorboard');
  const tensorboard = await replaceDir(tensorboardDir, async (temp) =>
    (await writeTensorboardLogs(temp, input.runs)).map((dir) => join(tensorboardDir, relative(temp, dir))));
  const { html } = await writeReport(options.out, input, { lang: langOf(messages) });
  if (!options.pdf) return { html, pdf: null, tensorboard };
  const pdf = join(options.out, 'report.pdf');
  try {
    await printPdf(html, pdf);
    return { html, pdf, tensorboard };
  } catch (e) {
    if (isFitcheckError(e) && e.code === 'NO_BROWSER') return { html, pdf: null, pdfError: e, tensorboard };
    throw e;
  }
}
