import { isFitcheckError } from '@fitcheck/core';
import { ownerOf } from '../errors.js';
import { progressPrinter } from '../format/progress.js';
import { formatScoreTable } from '../format/score-table.js';
import { loadMessages, translate } from '../messages/locale.js';
import { errorLine } from '../messages/error-line.js';
import type { Published } from '../report/publish.js';
import { assertGraded, gradeSubmission, type GradeOptions, type GradeOutcome } from '../run/grade-submission.js';
import { commandLang } from './cli-lang.js';

export interface GradeAndReportOptions extends Omit<GradeOptions, 'lang' | 'onEvent'> {
  /** `--lang`; default the lab's `lang`. */
  lang?: string;
  /** Write `OUT/report.html` and `OUT/tensorboard/` (and with `pdf` the PDF). */
  report: boolean;
  pdf?: boolean;
  /** Print the score table (check, demo) instead of the one-line score (grade). */
  table?: boolean;
  quiet?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * `fitcheck grade` / `check` / `demo`: grades (results.json is written first, whatever follows),
 * then writes the report and TensorBoard logs, then prints the score and the paths, all in one
 * language. Exit codes are the grade's: a missing browser for `--pdf` only adds a one-line message
 * (the HTML is written); a report that fails otherwise is fitcheck's fault (exit 1, results kept).
 */
export async function gradeAndReport(options: GradeAndReportOptions): Promise<GradeOutcome & { published?: Published }> {
  const { stdout = process.stdout, stderr = process.stderr } = options;
  // Progress lines are printed before grading reads the lab: its language (or the course's, when it cannot be read: grading says why).
  const lang = await commandLang({ lang: options.lang, lab: options.lab, dir: options.dir, glob: options.glob });
  const messages = loadMessages(lang);
  const t = (key: string, params?: Record<string, unknown>) => translate(messages, key, params);
  const { lang: _flag, report, pdf, table, quiet, stdout: _out, stderr: _err, ...grading } = options;
  if (!quiet) stderr.write(`${t('cli.grading', { dir: options.dir, profile: options.profile ?? 'check' })}\n`);
  // Reference runs are for the report's comparison: a run without a report needs none.
  const outcome = await gradeSubmission({ ...grading, lang, ...(!report && { cache: false }), ...(!quiet && { onEvent: progressPrinter(stderr, 10, messages) }) });

  let published: Published | undefined;
  let reportError: unknown;
  if (report) {
    try {
      // Loaded once training is over: the report's libraries (Vega, Handlebars) need not sit beside a training process.
      const { publishReport } = await import('../report/publish.js');
      published = await publishReport(outcome, messages, { out: options.out, pdf: pdf ?? false });
    } catch (e) {
      reportError = e;
    }
  }
  const { results, resultsPath } = outcome;
  const lines = table && outcome.exitCode === 0 ? ['', formatScoreTable(results, messages), ''] : [];
  const fault = results.extra_data.fault;
  // A grade that could not be computed has no score to print, not a 0.
  if (fault) lines.push(t('cli.notGraded', { owner: t(`owner.${fault.owner}`), code: fault.code, path: resultsPath }));
  else lines.push(table ? t('cli.results', { path: resultsPath }) : t('cli.scoreLine', { score: results.score, max: results.extra_data.max_score, path: resultsPath }));
  if (published) {
    lines.push(t('cli.report', { path: published.html }));
    if (published.pdf) lines.push(t('cli.pdf', { path: published.pdf }));
    if (published.tensorboard.length > 0) lines.push(t('cli.tensorboard', { path: `${options.out}/tensorboard` }));
  }
  stdout.write(`${lines.join('\n')}\n`);
  const noBrowser = published?.pdfError;
  if (noBrowser) stderr.write(`fitcheck: ${noBrowser.code}: ${errorLine(noBrowser, messages)}\n`);
  // Each failure is said once: the grade's own error when it has one (the report's then in a line
  // before it), else the report's, typed (a full disk is the environment's: exit 1) or as the grader's fault.
  if (reportError !== undefined) {
    const detail = isFitcheckError(reportError) ? errorLine(reportError, messages) : reportError instanceof Error ? reportError.message : String(reportError);
    if (outcome.exitCode !== 0) stderr.write(`fitcheck: ${t('cli.reportFailed', { detail: detail.split('\n')[0] })}\n`);
    else if (isFitcheckError(reportError) && ownerOf(reportError.code) === 'environment') throw reportError;
    else throw new Error(t('cli.reportFailed', { detail }));
  }
  assertGraded(outcome);
  return { ...outcome, ...(published && { published }) };
}
