import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { GraderError } from '../errors.js';
import { writeFileAtomic } from '../out/write-out.js';
import { text } from '../messages/text.js';

/** Flags the issue fixes for the system browser: no sandbox (CI runs as root), no network chatter, no GPU. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
] as const;

/** Where Debian and friends put Chromium; `CHROME_PATH` wins over all of them. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const INSTALL_HINT = text('errLab.browserInstallHint');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The system browser to drive: `CHROME_PATH` if set (it must exist), else the first Chromium found. Never downloads one. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.CHROME_PATH;
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new GraderError('NO_BROWSER', text('errLab.noBrowserAt', { path: chosen }), {}, INSTALL_HINT);
  }
  const found = CANDIDATES.find(isExecutable);
  if (found) return found;
  throw new GraderError('NO_BROWSER', text('errLab.noBrowser'), {}, INSTALL_HINT);
}

/**
 * Opens the system browser headless, runs `use` with it and always closes it. The browser's
 * profile, cache and home (`--user-data-dir`, `HOME`, `XDG_CONFIG_HOME`, `XDG_CACHE_HOME`: Chromium
 * and dconf write there) live in a temp folder that is removed afterwards, so printing writes
 * nothing outside `--out`.
 */
async function withBrowser<T>(executablePath: string, use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const home = await mkdtemp(join(tmpdir(), 'fitcheck-chromium-'));
  try {
    const [config, cache] = [join(home, '.config'), join(home, '.cache')];
    await Promise.all([mkdir(config), mkdir(cache)]);
    let context: BrowserContext;
    try {
      // Loaded only to print: Playwright costs a process ~90 MB it would otherwise hold while training.
      const { chromium } = await import('playwright-core');
      context = await chromium.launchPersistentContext(join(home, 'profile'), {
        executablePath, args: [...CHROMIUM_ARGS], headless: true,
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: config, XDG_CACHE_HOME: cache },
      });
    } catch (e) {
      const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
      throw new GraderError('NO_BROWSER', text('errLab.browserNotStarted', { path: executablePath, error: first }), {}, INSTALL_HINT);
    }
    try {
      return await use(context);
    } finally {
      await context.close();
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** One page of the browser showing `htmlFile`; every request that is not that file is aborted, so nothing reaches the network. */
async function withPage<T>(context: BrowserContext, htmlFile: string, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    const url = pathToFileURL(htmlFile).href;
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: 'load' });
    return await use(page);
  } finally {
    await page.close();
  }
}

/** Prints `htmlFile` to an A4 PDF with the report's own `@page` margins and colours, written like every file under `--out`. */
export async function printPdf(htmlFile: string, pdfFile: string, executablePath = findBrowser()): Promise<void> {
  await printPdfs([{ html: htmlFile, pdf: pdfFile }], executablePath);
}

/**
 * Prints several reports with one browser (a class's: `batch --pdf`, `regrade --pdf`), one page
 * after another, each PDF written like every file under `--out`. One browser start for the class,
 * not one per student.
 */
export async function printPdfs(reports: readonly { html: string; pdf: string }[], executablePath = findBrowser()): Promise<void> {
  if (reports.length === 0) return;
  await withBrowser(executablePath, async (context) => {
    for (const { html, pdf } of reports) {
      const bytes = await withPage(context, html, async (page) => {
        await page.emulateMedia({ media: 'print' });
        return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      });
      await writeFileAtomic(pdf, bytes);
    }
  });
}

/** A full-page PNG of the report as a screen shows it: how TAs look at a rendered report. */
export async function screenshotReport(htmlFile: string, pngFile: string, executablePath = findBrowser(), width = 1100): Promise<void> {
  await withBrowser(executablePath, (context) => withPage(context, htmlFile, async (page) => {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: pngFile, fullPage: true });
  }));
}
