import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isFitcheckError, type FitcheckError } from '@fitcheck/core';
import { printPdfs } from '../report/browser.js';

/**
 * Prints `OUT/<key>/report.html` to `OUT/<key>/report.pdf` for every key that has a report, with
 * one browser for the whole class (`batch --pdf`, `regrade --pdf`). Without a browser nothing is
 * printed and `error` says why (`NO_BROWSER`): the HTML reports and the grades stand.
 */
export async function printClassReports(out: string, keys: readonly string[]): Promise<{ printed: number; error?: FitcheckError<string> }> {
  const reports = keys.map((key) => ({ html: join(out, key, 'report.html'), pdf: join(out, key, 'report.pdf') })).filter((r) => existsSync(r.html));
  try {
    await printPdfs(reports);
    return { printed: reports.length };
  } catch (e) {
    if (isFitcheckError(e) && e.code === 'NO_BROWSER') return { printed: 0, error: e };
    throw e;
  }
}
