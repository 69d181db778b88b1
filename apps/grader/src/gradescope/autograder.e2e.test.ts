import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { treeRssKiB } from '../bench/child-run.js';
import { REPO_ROOT } from '../lab/paths.js';
import type { GradescopeResults } from '../results/gradescope.js';
import { gradescopeIssues } from '../results/gradescope-schema.js';
import { fitcheck } from '../test-helpers/cli.js';
import { gradescopePage } from '../test-helpers/gradescope-page.js';
import { submissionFixture } from '../test-helpers/paths.js';

const run = promisify(execFile);
/** Gradescope's default container: 768 MB for the whole autograder. */
const CONTAINER_MIB = 768;

// The autograder as Gradescope gets it: `fitcheck gradescope build` (smoke-sized here: the
// gradescope profile's real run is `pnpm bench`'s gradescope-careful case), unzipped, its production
// dependencies installed from the lockfile as setup.sh installs them (offline, from pnpm's store:
// setup.sh's Node download is the one step not run here).
let zip: string;
let source: string;
beforeAll(async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'fitcheck-autograder-'));
  zip = join(scratch, 'autograder.zip');
  // The lab's reference runs at this profile, filled by the lab run and shipped in the zip: graders never train them.
  const references = join(scratch, 'references');
  const filled = await fitcheck(['lab', 'run', '--profile', 'smoke', '--out', join(scratch, 'lab'), '--cache', references]);
  expect(filled.code, filled.stderr).toBe(0);
  const built = await fitcheck(['gradescope', 'build', '--out', zip, '--profile', 'smoke', '--cache', references]);
  expect(built.code, built.stderr).toBe(0);
  source = join(scratch, 'source');
  await mkdir(source);
  await run('unzip', ['-q', zip, '-d', source]);
  await run('pnpm', ['install', '--offline', '--prod', '--frozen-lockfile', '--ignore-scripts'], { cwd: source, env: { ...process.env, CI: 'true' } });
}, 300_000);

/** A folder laid out like Gradescope's `/autograder`: the unpacked source, run_autograder, the submission and its metadata. */
async function autograderRoot(files: Record<string, string>, metadata?: object): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'fitcheck-autograder-root-'));
  await symlink(source, join(root, 'source'));
  await cp(join(source, 'run_autograder'), join(root, 'run_autograder'));
  await mkdir(join(root, 'submission'));
  for (const [path, from] of Object.entries(files)) {
    await mkdir(dirname(join(root, 'submission', path)), { recursive: true });
    await cp(from, join(root, 'submission', path), { recursive: true });
  }
  if (metadata) await writeFile(join(root, 'submission_metadata.json'), JSON.stringify(metadata));
  return root;
}

interface AutograderRun { code: number | null; stdout: string; peakTreeRssMiB: number; results: GradescopeResults; text: string }

/** `/autograder/run_autograder`, as Gradescope starts it, on one thread; the peak RSS of its whole process tree sampled as it runs. */
async function runAutograder(root: string, env: NodeJS.ProcessEnv = {}): Promise<AutograderRun> {
  const child = spawn(join(root, 'run_autograder'), [], { cwd: root, env: { ...process.env, FITCHECK_AUTOGRADER_ROOT: root, FITCHECK_THREADS: '1', ...env } });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  let peak = 0;
  const timer = setInterval(() => void treeRssKiB(child.pid!).then((kib) => (peak = Math.max(peak, kib))), 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const text = await readFile(join(root, 'results', 'results.json'), 'utf8');
  return { code, stdout, peakTreeRssMiB: Math.round(peak / 1024), results: JSON.parse(text) as GradescopeResults, text };
}

const ana = { id: 123, users: [{ name: 'Ana Lima', email: 'ana@uni.br', id: 7, sid: '2024-0107' }] };

describe('the Gradescope autograder fitcheck builds, run as Gradescope runs it', () => {
  it('is a zip with setup.sh and run_autograder (executable) at its root, fitcheck, the lab and every data file, the TA-only ones too', async () => {
    const { stdout } = await run('zipinfo', [zip]);
    expect(stdout).toMatch(/^-rwxr-xr-x .* setup\.sh$/m);
    expect(stdout).toMatch(/^-rwxr-xr-x .* run_autograder$/m);
    for (const path of ['fitcheck-gradescope.json', 'pnpm-lock.yaml', 'apps/grader/dist/bin.js', 'grading/labs/lab5/lab.yaml', 'grading/labs/lab5/rubric.yaml',
      'fixtures/datasets/higgs/HIGGS_h2o_sample_5000_unknown_rows.csv.gz', 'fixtures/datasets/catvnoncat/train_catvnoncat.h5']) {
      expect(stdout).toContain(` ${path}\n`);
    }
    expect(stdout).not.toMatch(/\.test\.js$|fixtures\/submissions|fixtures\/calibration/m);
    // The notebook's eleven reference runs at the smoke profile, as plain files.
    expect(stdout.match(/ references\/lab5\.[a-z]+\.[a-z0-9]+\.[0-9a-f]{64}\.json$/gm)).toHaveLength(11);
    expect(JSON.parse(await readFile(join(source, 'fitcheck-gradescope.json'), 'utf8'))).toMatchObject({ lab: 'lab5', profile: 'smoke', timeoutMinutes: 10, pdf: false });
    // Built twice from the same inputs: the same bytes.
    const again = join(dirname(zip), 'again.zip');
    expect((await fitcheck(['gradescope', 'build', '--out', again, '--profile', 'smoke', '--cache', join(dirname(zip), 'references')])).code).toBe(0);
    expect(await readFile(again)).toEqual(await readFile(zip));
    // Both scripts parse; setup.sh checks the autograder when it has installed it.
    for (const script of ['setup.sh', 'run_autograder']) await run('bash', ['-n', join(source, script)]);
    const check = await run('node', ['apps/grader/dist/bin.js', 'gradescope', 'check'], { cwd: source });
    expect(check.stdout).toContain('fixtures/datasets/higgs/HIGGS_h2o_sample_5000_unknown_rows.csv.gz: sha256 abc8efb484cf… como enviado');
  });

  it('a careful submission: graded, every autograded point, the identity from submission_metadata.json, within 768 MB on one thread', async () => {
    const root = await autograderRoot({ 'lab5.yaml': join(REPO_ROOT, 'fixtures', 'calibration', 'careful', 'lab5.yaml') }, ana);
    const r = await runAutograder(root);
    expect(r.code, r.stdout).toBe(0);
    expect(gradescopeIssues(r.text)).toEqual([]);
    expect(r.results.extra_data.status).toBe('graded');
    expect(r.results.score).toBe(70);
    expect(r.results.extra_data.student).toEqual({ id: '2024-0107', name: 'Ana Lima', source: 'gradescope', submittedId: 'cal-careful' });
    // The file's own id differs from the course's: a note for the TA, on no item.
    expect(r.results.extra_data.findings.filter((f) => f.code === 'STUDENT_ID_MISMATCH')).toHaveLength(1);
    expect(r.stdout).toContain('1 thread(s)');
    // The shipped reference runs were found: none is missing from the report, none was trained.
    expect(r.results.output).not.toContain('reference runs not in the report');
    expect(r.peakTreeRssMiB).toBeLessThanOrEqual(CONTAINER_MIB);
  }, 180_000);

  it('a mistaken submission: graded, the mistakes cost their items', async () => {
    const root = await autograderRoot({ 'lab5.yaml': join(submissionFixture('mistakes'), 'lab5.yaml') }, ana);
    const r = await runAutograder(root);
    expect(gradescopeIssues(r.text)).toEqual([]);
    expect(r.results.extra_data.status).toBe('graded');
    expect(r.results.score).toBeLessThan(70);
    expect(r.results.extra_data.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['SIGMOID_WITH_LOGITS_LOSS', 'TEST_SET_AS_VALIDATION']));
    expect(r.peakTreeRssMiB).toBeLessThanOrEqual(CONTAINER_MIB);
  }, 180_000);

  it('an invalid submission from a GitHub repository: found in submission/, scored 0 with the place of each problem', async () => {
    const root = await autograderRoot({ 'my-repo/README.md': join(REPO_ROOT, 'README.md'), 'my-repo/submission/lab5.yaml': join(submissionFixture('typo-key'), 'lab5.yaml') }, ana);
    const r = await runAutograder(root);
    expect(gradescopeIssues(r.text)).toEqual([]);
    expect(r.results.extra_data.status).toBe('invalid');
    // In the lab's language (pt-BR), the place as always.
    expect(r.results.output).toMatch(/my-repo\/submission\/lab5\.yaml:18:3: cats: chave desconhecida "validaton"/);
    expect(r.results.extra_data.student.id).toBe('2024-0107');
  }, 120_000);

  it('a hostile submission: HTML as its keys and text is shown as text; a link out of the upload is not followed', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'fitcheck-outside-'));
    await cp(join(submissionFixture('reference'), 'lab5.yaml'), join(outside, 'lab5.yaml'));
    const html = join(submissionFixture('hostile-html-text'), 'lab5.yaml');
    const root = await autograderRoot({ 'repo/lab5.yaml': html });
    await symlink(outside, join(root, 'submission', 'elsewhere'));
    // A key made of HTML, beside the student's HTML text: it is quoted in the output as a mistake.
    await writeFile(join(root, 'submission', 'repo', 'lab5.yaml'), `${await readFile(html, 'utf8')}\n"<h1>big</h1><a href=https://evil.example>x</a>": 1\n`);
    const r = await runAutograder(root);
    expect(gradescopeIssues(r.text)).toEqual([]);
    expect(r.results.extra_data.status).toBe('invalid');
    expect(r.results.extra_data.submissionFile).toMatch(/submission\/repo\/lab5\.yaml$/);
    // No metadata, and a file that does not validate: nobody is named rather than someone guessed.
    expect(r.results.extra_data.student).toMatchObject({ id: null, source: null });
    expect(r.results.output).toContain('chave desconhecida "<h1>big</h1><a href=https://evil.example>x</a>"');
    const page = gradescopePage(r.results);
    expect(page).not.toMatch(/<(?!\/?pre>)/);
    const doc = parse(await readFile(html, 'utf8')) as { student: { name: string } };
    expect(page).not.toContain(doc.student.name);
  }, 120_000);

  it('always leaves a results.json: fitcheck that cannot start is not graded, not a 0, and still follows the specification', async () => {
    const root = await autograderRoot({ 'lab5.yaml': join(submissionFixture('reference'), 'lab5.yaml') }, ana);
    // A PATH with the shell and its tools but no node: the script's own fallback writes results.json.
    const bin = await mkdtemp(join(tmpdir(), 'fitcheck-no-node-'));
    for (const tool of ['bash', 'env', 'mkdir', 'cat']) await symlink((await run('which', [tool])).stdout.trim(), join(bin, tool));
    const r = await runAutograder(root, { PATH: bin });
    expect(r.code).toBe(0);
    expect(gradescopeIssues(r.text)).toEqual([]);
    expect(r.results).toMatchObject({ score: 0, tests: [], extra_data: { status: 'error', fault: { code: 'GRADER_CRASHED', owner: 'environment' } } });
    expect(r.results.output).toMatch(/^NOT GRADED — this is not a score of 0\. The autograder itself could not run \(fitcheck exited with code 127\)/);
  });

  it('a lab problem in the autograder is the instructor\'s: not graded, with the reason', async () => {
    const root = await autograderRoot({ 'lab5.yaml': join(submissionFixture('reference'), 'lab5.yaml') });
    // A copy of the autograder, its installed packages linked rather than copied (366 MB).
    const broken = await mkdtemp(join(tmpdir(), 'fitcheck-broken-source-'));
    await cp(source, broken, { recursive: true, filter: (from) => !from.endsWith('/node_modules') });
    for (const dir of ['', 'apps/grader', 'packages/core', 'packages/datasets']) await symlink(join(source, dir, 'node_modules'), join(broken, dir, 'node_modules'));
    await writeFile(join(broken, 'grading', 'labs', 'lab5', 'rubric.yaml'), 'lab: lab5\nitems: []\n');
    await rm(join(root, 'source'));
    await symlink(broken, join(root, 'source'));
    const r = await runAutograder(root);
    expect(gradescopeIssues(r.text)).toEqual([]);
    expect(r.results).toMatchObject({ score: 0, tests: [], extra_data: { status: 'error', fault: { code: 'INVALID_LAB', owner: 'lab' } } });
    expect(existsSync(join(root, 'results', 'results.json'))).toBe(true);
  }, 120_000);
});
