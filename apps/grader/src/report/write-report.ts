import { join } from 'node:path';
import { prepareOut, writeFileAtomic } from '../out/write-out.js';
import { printPdf } from './browser.js';
import { renderReport } from './render.js';
import type { Lang } from '../messages/locale.js';
import type { ReportInput } from './types.js';

export interface WriteReportOptions {
  lang: Lang;
  /** Also print `report.pdf` with the system Chromium. */
  pdf?: boolean;
}

export interface WrittenReport {
  html: string;
  pdf: string | null;
}

/**
 * Writes `<outDir>/report.html`, and `<outDir>/report.pdf` when asked. The HTML is written first, so a
 * machine without a browser still gets it; the PDF step then fails with a `NO_BROWSER` FitcheckError
 * that says how to install one.
 */
export async function writeReport(outDir: string, input: ReportInput, { lang, pdf = false }: WriteReportOptions): Promise<WrittenReport> {
  await prepareOut(outDir);
  const html = join(outDir, 'report.html');
  // Temp file + rename: a full disk leaves no half report, and a link planted as report.html is replaced, not written through.
  await writeFileAtomic(html, await renderReport(input, { lang }));
  if (!pdf) return { html, pdf: null };
  const file = join(outDir, 'report.pdf');
  await printPdf(html, file);
  return { html, pdf: file };
}
