import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { marked } from 'marked';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildPrComment } from '../batch/pr-comment.js';
import { type GradescopeResults } from '../results/gradescope.js';
import { gradescopeIssues } from '../results/gradescope-schema.js';
import { gradescopePage } from '../test-helpers/gradescope-page.js';
import { BIN, type CliRun } from '../test-helpers/cli.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { STACK_FRAME, runCli, sandbox, snapshotTree, type Sandbox } from './test-helpers/sandbox.js';

/** A file git cannot hold, made at test time: a FIFO, or a link to `link`. */
type Special = 'fifo' | { link: string };

/** `fixtures/submissions/hostile-<case>/expected.json`: how grading that case must end. */
interface Expected {
  description: string;
  exitCode: number;
  status: GradescopeResults['extra_data']['status'];
  /** Inclusive range. */
  score: [number, number];
  /** `item:CODE` findings that must be among the results' findings. */
  findings: string[];
  /** A substring of what the student reads (results.json output or a test's output, as Gradescope shows it). */
  message: string;
  /** results.json stays this small (an error list or a file must not be echoed whole). */
  maxResultsBytes?: number;
  /**
   * What the case needs besides its folder: `files` made in a copy of it (FIFOs, links), links
   * planted in OUT before the run (their targets under the sandbox's `outside/`), the grading
   * machine's environment, more flags.
   */
  setup?: { files?: Record<string, Special>; out?: Record<string, Special>; env?: Record<string, string>; flags?: string[] };
}

async function makeSpecial(path: string, special: Special): Promise<void> {
  if (special === 'fifo') execFileSync('mkfifo', [path]);
  else await symlink(special.link, path);
}

/** The case's folder, or a copy of it in the sandbox with the files git cannot hold; OUT with its planted links. */
async function prepare(box: Sandbox, name: string, setup: Expected['setup'] = {}): Promise<string> {
  let dir = join(FIXTURES, name);
  if (setup.files) {
    const copy = join(box.root, 'submission');
    await cp(dir, copy, { recursive: true, verbatimSymlinks: true });
    await rm(join(copy, 'expected.json'));
    for (const [file, special] of Object.entries(setup.files)) await makeSpecial(join(copy, file), special);
    dir = copy;
  }
  if (setup.out) {
    await mkdir(join(box.root, 'outside', 'victim-dir'), { recursive: true });
    await writeFile(join(box.root, 'outside', 'victim.txt'), 'not fitcheck\'s to write\n');
    await mkdir(box.out);
    for (const [file, special] of Object.entries(setup.out)) await makeSpecial(join(box.out, file), special);
  }
  return dir;
}

const FIXTURES = submissionFixture('');
/** Each case's time budget: a hostile submission is refused or graded in seconds, never minutes. */
const CASE_BUDGET_MS = 60_000;
const CASES = (await readdir(FIXTURES)).filter((name) => name.startsWith('hostile-')).sort();

/** Every string of a submission that HTML would read as markup, when the file parses at all. */
async function markupStrings(dir: string): Promise<string[]> {
  const file = join(dir, 'lab5.yaml');
  // lab5.json, a FIFO, a link to a device: nothing to read here (reading a FIFO would hang the test itself).
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || info.size > 1024 * 1024) return [];
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
  // The PR comment built from this results.json, rendered as GitHub markdown: only fitcheck's headings, no image, link, tag or mention.
  'hostile-markdown-name': async (_, out) => {
    const comment = buildPrComment(JSON.parse(await readFile(join(out, 'results.json'), 'utf8')), { reportUrl: 'https://example.org/r' });
    const html = await marked.parse(comment.markdown, { gfm: true });
    const [first, ...rest] = [...html.matchAll(/<h\d[^>]*>(.*?)<\/h\d>/g)].map((m) => m[1]);
    expect(first).toMatch(/^fitcheck: 20 \/ 100 — Eve ## fitcheck: 100 \/ 100 /);
    for (const heading of rest) expect(heading).toMatch(/^(Lowest validation BCE per model|Findings \(\d+\))$/);
    expect(html).not.toMatch(/<(img|script)\b|<(em|strong|code)>(all|tests)</);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://example.org/r']);
    expect(html).not.toContain('@octocat');
  },
  // The planted links are replaced by what fitcheck writes; what they pointed to is untouched (checked for every case).
  'hostile-out-links': async (_, out) => {
    expect(lstatSync(join(out, 'report.html')).isFile()).toBe(true);
    expect(lstatSync(join(out, 'tensorboard')).isDirectory()).toBe(true);
  },
  // The PDF is printed (Chromium ran) and nothing of Chromium's is left in HOME or TMPDIR (checked for every case).
  'hostile-pdf-home': async (_, out) => {
    expect((await stat(join(out, 'report.pdf'))).size).toBeGreaterThan(1000);
  },
};

describe.concurrent('the hostile corpus: every case graded by the real CLI ends well', () => {
  it('has the cases the issue lists', () => {
    expect(CASES).toEqual(expect.arrayContaining([
      'hostile-alias-bomb', 'hostile-binary', 'hostile-deep-nesting', 'hostile-diverging-regularizer', 'hostile-dropout-range',
      'hostile-empty', 'hostile-flop-bomb', 'hostile-html-text', 'hostile-huge-answer', 'hostile-invalid-yaml', 'hostile-keras-outside', 'hostile-memory-hog',
      'hostile-missing-sections', 'hostile-nonfinite-regularizer', 'hostile-output-shape', 'hostile-param-bomb',
      'hostile-student-id', 'hostile-symlink-out', 'hostile-symlink-submission', 'hostile-typo-key', 'hostile-unknown-layer',
      // Round 2 (issue 18).
      'hostile-devzero-link', 'hostile-duplicate-keys', 'hostile-env-threads', 'hostile-fifo-submission', 'hostile-keras-layer-name',
      'hostile-many-errors', 'hostile-markdown-name', 'hostile-out-links', 'hostile-pdf-home', 'hostile-stdin-link', 'hostile-utf16',
    ]));
  });

  it.each(CASES)('%s', async (name) => {
    const expected = JSON.parse(await readFile(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
    const box = await sandbox();
    const dir = await prepare(box, name, expected.setup);
    const fixturesBefore = await snapshotTree(FIXTURES);
    const outsideBefore = existsSync(join(box.root, 'outside')) ? await snapshotTree(join(box.root, 'outside')) : undefined;

    const run = await runCli(box, ['grade', dir, '--out', box.out, '--profile', 'smoke', '--lang', 'en', '--quiet', ...(expected.setup?.flags ?? [])], [], expected.setup?.env);

    expect(run.code, run.stderr).toBe(expected.exitCode);
    const resultsText = await readFile(join(box.out, 'results.json'), 'utf8');
    const results = JSON.parse(resultsText) as GradescopeResults;
    if (expected.maxResultsBytes !== undefined) expect(resultsText.length).toBeLessThanOrEqual(expected.maxResultsBytes);
    expect(resultsText).not.toContain('\\u0000');
    expect(results.extra_data.status).toBe(expected.status);
    expect(results.score).toBeGreaterThanOrEqual(expected.score[0]);
    expect(results.score).toBeLessThanOrEqual(expected.score[1]);
    // A grade that could not be computed presents no item as scored (no tests); every other outcome lists all ten.
    expect(results.tests).toHaveLength(expected.status === 'error' ? 0 : 10);
    const findings = results.extra_data.findings.map((f) => `${f.item}:${f.code}`);
    expect(findings).toEqual(expect.arrayContaining(expected.findings));
    const shown = [results.output, ...results.tests.map((t) => t.output)].join('\n');
    expect(shown).toContain(expected.message);
    // Said once on the terminal, with the fix, when the run does not end well.
    if (expected.exitCode !== 0) expect(run.stderr.split(expected.message)).toHaveLength(2);
    // Gradescope's specification holds, and every output and name is plain text: Gradescope shows it as written,
    // so no markup a student wrote reaches the page as markup.
    expect(gradescopeIssues(resultsText)).toEqual([]);
    const page = gradescopePage(results);
    for (const raw of await markupStrings(dir)) expect(page).not.toContain(raw);
    expect(page).not.toMatch(/<(?!\/?pre>)/);

    // No stack trace reaches the student (without --debug), and no debug log is written.
    for (const text of [run.stdout, run.stderr, JSON.stringify(results, null, 2)]) expect(text).not.toMatch(STACK_FRAME);
    expect(existsSync(join(box.out, 'debug.log'))).toBe(false);

    // Nothing written outside OUT: the sandbox holds only OUT (and empty TMPDIR, HOME); the fixtures, the copied
    // submission and what OUT's planted links point to are untouched.
    const outside = [...(await snapshotTree(box.root)).keys()].filter((p) => !/^(out|submission|outside)(\/|$)/.test(p));
    expect(outside.sort()).toEqual(['home', 'tmp']);
    expect(await snapshotTree(FIXTURES)).toEqual(fixturesBefore);
    if (outsideBefore) expect(await snapshotTree(join(box.root, 'outside'))).toEqual(outsideBefore);

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

  it('--out that is a file: a usage error (exit 2) saying nothing was written, and nothing is', async () => {
    const box = await sandbox();
    await writeFile(box.out, 'a file\n');
    const before = await snapshotTree(box.root);
    const run = await runCli(box, ['grade', join(FIXTURES, 'hostile-empty'), '--out', box.out, '--quiet']);
    expect(run.code).toBe(2);
    // In the course's language (pt-BR): no lab was read.
    expect(run.stderr).toBe(`fitcheck: ${box.out}: --out ${box.out} é um arquivo, não uma pasta: nada foi gravado, nem o results.json\n`
      + '  como corrigir: indique a pasta onde os resultados devem ficar (ela é criada se não existir)\n');
    expect(await snapshotTree(box.root)).toEqual(before);
  });

  // A read-only disk and a full one, made with a tmpfs in a user and mount namespace of the CLI's own.
  it.each([
    ['read-only', 'ro,size=64k', 'hostile-empty', 'cannot be written (read-only file system)', []],
    // results.json (10 KB) fits; the grade's record (the report's data, the notebook's reference runs included) does not:
    // results kept, no half record or report, no temp file.
    ['full', 'size=40k', 'hostile-student-id', 'no space left on the disk to write', ['results.json']],
  ])('a %s --out: an environment error (exit 1) said once, no partial report', async (_, options, fixture, message, left) => {
    const box = await sandbox();
    const disk = await mkdtemp(join(box.root, 'disk-'));
    // The CLI's run, then what it left on that disk (which goes with the namespace) as `left: NAME` lines.
    const script = `mount -t tmpfs -o ${options} none "$1" || exit 9; disk="$1"; shift; "$@"; code=$?; ls -A "$disk/out" 2>/dev/null | sed 's/^/left: /'; exit $code`;
    const run = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn('unshare', ['-rm', 'sh', '-c', script, 'sh', disk, process.execPath, BIN, 'grade', join(FIXTURES, fixture), '--out', join(disk, 'out'), '--profile', 'smoke', '--lang', 'en', '--quiet'],
        { cwd: box.root, env: { ...box.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.split(message)).toHaveLength(2);
    expect(run.stderr).not.toMatch(/internal error|STACK_FRAME/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_FRAME);
    expect([...run.stdout.matchAll(/^left: (.*)$/gm)].map((m) => m[1])).toEqual(left);
    // Nothing else was written: the sandbox holds its empty HOME and TMPDIR and the disk's empty mount point.
    expect([...(await snapshotTree(box.root)).keys()].sort()).toEqual([expect.stringMatching(/^disk-/), 'home', 'tmp']);
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
