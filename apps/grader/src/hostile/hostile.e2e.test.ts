import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { GradescopeResults } from '../results/gradescope.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { STACK_FRAME, runCli, sandbox, snapshotTree } from './test-helpers/sandbox.js';

/** `fixtures/submissions/hostile-<case>/expected.json`: how grading that case must end. */
interface Expected {
  description: string;
  exitCode: number;
  status: GradescopeResults['extra_data']['status'];
  /** Inclusive range. */
  score: [number, number];
  /** `item:CODE` findings that must be among the results' findings. */
  findings: string[];
  /** A substring of what the student reads (results.json output or a test's output). */
  message: string;
}

const FIXTURES = submissionFixture('');
/** Each case's time budget: a hostile submission is refused or graded in seconds, never minutes. */
const CASE_BUDGET_MS = 60_000;
const CASES = (await readdir(FIXTURES)).filter((name) => name.startsWith('hostile-')).sort();

/** Every string of a submission that HTML would read as markup, when the file parses at all. */
async function markupStrings(dir: string): Promise<string[]> {
  const file = join(dir, 'lab5.yaml');
  if ((await stat(file)).size > 1024 * 1024) return [];
  let doc: unknown;
  try {
    doc = parse(await readFile(file, 'utf8'), { maxAliasCount: 100 });
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string' && /[<>]/.test(v)) found.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(doc, 0);
  return found;
}

/** Checks only one case needs, on the same run. */
const SPECIFIC: Record<string, (dir: string, out: string) => Promise<void>> = {
  // Every text field is shown as text, with Handlebars expressions unevaluated.
  'hostile-html-text': async (dir, out) => {
    const html = await readFile(join(out, 'report.html'), 'utf8');
    const doc = parse(await readFile(join(dir, 'lab5.yaml'), 'utf8')) as { student: { name: string; id: string } };
    for (const text of [doc.student.name, doc.student.id]) expect(html).toContain(Handlebars.Utils.escapeExpression(text));
    expect(html).not.toMatch(/<img src=x|<svg onload|<iframe/);
  },
  // The id (`../../tmp/x;$(touch pwned)…`) names no file anywhere.
  'hostile-student-id': async (_, out) => {
    expect(existsSync(join(out, '../../tmp/x'))).toBe(false);
    expect(existsSync('/tmp/x')).toBe(false);
    expect(existsSync(join(out, '..', 'pwned'))).toBe(false);
  },
};

describe.concurrent('the hostile corpus: every case graded by the real CLI ends well', () => {
  it('has the cases the issue lists', () => {
    expect(CASES).toEqual(expect.arrayContaining([
      'hostile-alias-bomb', 'hostile-binary', 'hostile-deep-nesting', 'hostile-diverging-regularizer', 'hostile-dropout-range',
      'hostile-empty', 'hostile-flop-bomb', 'hostile-html-text', 'hostile-huge-answer', 'hostile-invalid-yaml', 'hostile-keras-outside', 'hostile-memory-hog',
      'hostile-missing-sections', 'hostile-nonfinite-regularizer', 'hostile-output-shape', 'hostile-param-bomb',
      'hostile-student-id', 'hostile-symlink-out', 'hostile-symlink-submission', 'hostile-typo-key', 'hostile-unknown-layer',
    ]));
  });

  it.each(CASES)('%s', async (name) => {
    const dir = join(FIXTURES, name);
    const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Expected;
    const box = await sandbox();
    const fixturesBefore = await snapshotTree(FIXTURES);

    const run = await runCli(box, ['grade', dir, '--out', box.out, '--profile', 'smoke', '--lang', 'en', '--quiet']);

    expect(run.code, run.stderr).toBe(expected.exitCode);
    const results = JSON.parse(await readFile(join(box.out, 'results.json'), 'utf8')) as GradescopeResults;
    expect(results.extra_data.status).toBe(expected.status);
    expect(results.score).toBeGreaterThanOrEqual(expected.score[0]);
    expect(results.score).toBeLessThanOrEqual(expected.score[1]);
    expect(results.tests).toHaveLength(10);
    const findings = results.extra_data.findings.map((f) => `${f.item}:${f.code}`);
    expect(findings).toEqual(expect.arrayContaining(expected.findings));
    const shown = [results.output, ...results.tests.map((t) => t.output)].join('\n');
    expect(shown).toContain(expected.message);
    if (expected.exitCode === 2) expect(run.stderr).toContain(expected.message);

    // No stack trace reaches the student (without --debug), and no debug log is written.
    for (const text of [run.stdout, run.stderr, JSON.stringify(results, null, 2)]) expect(text).not.toMatch(STACK_FRAME);
    expect(existsSync(join(box.out, 'debug.log'))).toBe(false);

    // Nothing written outside OUT: the sandbox holds only OUT (and empty TMPDIR, HOME); the fixtures are untouched.
    const outside = [...(await snapshotTree(box.root)).keys()].filter((p) => p !== 'out' && !p.startsWith('out/'));
    expect(outside.sort()).toEqual(['home', 'tmp']);
    expect(await snapshotTree(FIXTURES)).toEqual(fixturesBefore);

    // Student text is escaped in every output that exists (results.json is JSON: escaped by construction).
    const report = join(box.out, 'report.html');
    if (existsSync(report)) {
      const html = await readFile(report, 'utf8');
      for (const raw of await markupStrings(dir)) expect(html).not.toContain(raw);
    }
    await SPECIFIC[name]?.(dir, box.out);
  }, CASE_BUDGET_MS);

  it('fitcheck batch over hostile submissions: safe folder names, no formula or markup in the gradebook and summaries', async () => {
    const box = await sandbox();
    const classDir = join(box.root, 'class');
    for (const name of ['hostile-student-id', 'hostile-html-text', 'hostile-invalid-yaml', 'hostile-param-bomb']) {
      await cp(join(FIXTURES, name), join(classDir, name), { recursive: true, verbatimSymlinks: true });
      await rm(join(classDir, name, 'expected.json'));
    }
    const classBefore = await snapshotTree(classDir);

    const run = await runCli(box, ['batch', classDir, '--out', box.out, '--profile', 'smoke', '--jobs', '2']);

    expect(run.code, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_FRAME);
    expect(await snapshotTree(classDir)).toEqual(classBefore);
    const outside = [...(await snapshotTree(box.root)).keys()].filter((p) => !/^(out|class)(\/|$)/.test(p));
    expect(outside.sort()).toEqual(['home', 'tmp']);
    // Each student's folder is a sanitized name directly under OUT, whatever the id says.
    for (const entry of await readdir(box.out, { withFileTypes: true })) {
      if (entry.isDirectory()) expect(entry.name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    }
    // A name starting with "=" reaches the spreadsheet as text ('=…), never as a formula.
    const csv = await readFile(join(box.out, 'gradebook.csv'), 'utf8');
    expect(csv).toContain('"\'=HYPERLINK(');
    expect(csv).not.toMatch(/(^|,)"?[=+@-]/m);
    for (const file of (await readdir(box.out)).filter((f) => f.endsWith('.md'))) {
      expect(await readFile(join(box.out, file), 'utf8')).not.toMatch(/<script|<img|<iframe/);
    }
  });

  it('--debug writes the stack traces to OUT/debug.log, and still none to the terminal', async () => {
    const box = await sandbox();
    const run = await runCli(box, ['grade', join(FIXTURES, 'hostile-diverging-regularizer'), '--out', box.out, '--profile', 'smoke', '--quiet', '--debug']);
    expect(run.code).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_FRAME);
    const log = await readFile(join(box.out, 'debug.log'), 'utf8');
    expect(log).toContain('higgs.giant (seed 1): TRAINING_DIVERGED');
    expect(log).toMatch(STACK_FRAME);
  });
});
