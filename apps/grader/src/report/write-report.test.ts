import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHROMIUM_ARGS, findBrowser } from './browser.js';
import { referenceInput } from './test-helpers/report-input.js';
import { writeReport } from './write-report.js';

// The real Debian browser and poppler: `.ci/run` installs both (chromium, poppler-utils).
describe('writeReport', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('prints the report to a PDF with the system Chromium; its text has the student and the score', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fitcheck-report-'));
    const written = await writeReport(out, referenceInput(), { lang: 'pt-BR', pdf: true });
    expect(written).toEqual({ html: join(out, 'report.html'), pdf: join(out, 'report.pdf') });
    expect(readFileSync(written.pdf as string).subarray(0, 5).toString()).toBe('%PDF-');

    const text = execFileSync('pdftotext', ['-layout', written.pdf as string, '-'], { encoding: 'utf8' });
    expect(text).toContain('Maria da Silva');
    expect(text).toContain('80 / 100');
    expect(text).toContain('Curvas de aprendizado');
    expect(text).toContain('Total params: 481');
    // Chart text is real text in the PDF (vector SVG, not a bitmap).
    expect(text).toContain('Entropia cruzada binária');

    const pages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [written.pdf as string], { encoding: 'utf8' }))?.[1]);
    // pdftotext ends every page with a form feed.
    expect(text.split('\f').length - 1).toBe(pages);
    // Header + table + findings, seven charts, summaries, reports, answers on A4: more than a few pages, not dozens.
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(12);
  });

  it('still writes the HTML when no browser exists, then fails with a one-line NO_BROWSER error and the install hint', async () => {
    vi.stubEnv('CHROME_PATH', '/nonexistent/chromium');
    const out = mkdtempSync(join(tmpdir(), 'fitcheck-report-'));
    const failure = await writeReport(out, referenceInput(), { lang: 'en', pdf: true }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'NO_BROWSER' });
    const error = failure as { message: string; hint: string };
    expect(error.message).not.toContain('\n');
    expect(error.hint).toContain('apt-get install -y chromium');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'report.pdf'))).toBe(false);
  });

  it('writes only HTML without pdf, and finds the Debian browser by default', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fitcheck-report-'));
    expect(await writeReport(out, referenceInput(), { lang: 'en' })).toEqual({ html: join(out, 'report.html'), pdf: null });
    expect(findBrowser({})).toBe('/usr/bin/chromium');
    expect(CHROMIUM_ARGS).toEqual(['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']);
  });
});
