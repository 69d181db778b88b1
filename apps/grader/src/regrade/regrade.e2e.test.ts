import { cp, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradescopeIssues } from '../results/gradescope-schema.js';
import type { GradescopeResults } from '../results/gradescope.js';
import { fitcheck } from '../test-helpers/cli.js';
import { submissionFixture } from '../test-helpers/paths.js';

// A class of two graded with the real CLI (smoke profile), then scored again from the TA's overrides.
let scratch: string;
let out: string;
const read = (...path: string[]): Promise<string> => readFile(join(...path), 'utf8');
const results = async (key: string): Promise<GradescopeResults> => JSON.parse(await read(out, key, 'results.json')) as GradescopeResults;

/** Every file under `dir` with its bytes' length and modification time: what a run that trains would rewrite. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    files.set(path, `${info.size}:${info.mtimeMs}`);
  }
  return files;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fitcheck-regrade-'));
  const classDir = join(scratch, 'class');
  await cp(submissionFixture('reference'), join(classDir, 'ana'), { recursive: true });
  await cp(submissionFixture('typo-key'), join(classDir, 'bia'), { recursive: true });
  await writeFile(join(scratch, 'roster.csv'), 'login,id,name\nana,2024-0107,Ana Lima\nbia,2024-0388,Bia Dias\n');
  out = join(scratch, 'out');
  const batch = await fitcheck(['batch', classDir, '--out', out, '--profile', 'smoke', '--roster', join(scratch, 'roster.csv'), '--pdf']);
  expect(batch.code, batch.stderr).toBe(0);
  // batch --pdf: every report printed once the class is graded, with one browser (said in the lab's pt-BR).
  expect(batch.stdout).toContain('2 relatórios em PDF impressos');
}, 300_000);

describe('fitcheck regrade OUT --overrides overrides.csv', () => {
  it("applies the TA's points and comments to results.json, the report, the gradebook and the summary, and trains nothing", async () => {
    const before = await results('2024-0107');
    expect(before.tests[1]!.extra_data.status).toBe('pending');
    const tensorboard = await snapshot(join(out, '2024-0107', 'tensorboard'));
    const overrides = join(scratch, 'overrides.csv');
    await writeFile(overrides, 'student,item,points,comment\n2024-0107,2,8,"clear, with the curves <b>named</b>"\n2024-0107,1,4,\n2024-0388,3,6,partial\nghost,2,1,\n');

    // A backend no training could start with: a regrade that trained would fail on it.
    const run = await fitcheck(['regrade', out, '--overrides', overrides], { FITCHECK_BACKEND: 'node' });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 envio(s) com nota recalculada');
    expect(run.stdout).toContain('sobreposições sem envio correspondente em');
    expect(run.stdout).toContain('ghost');
    const after = await results('2024-0107');
    expect(gradescopeIssues(await read(out, '2024-0107', 'results.json'))).toEqual([]);
    expect(after.tests[1]).toMatchObject({ score: 8, max_score: 10, extra_data: { status: 'manual' } });
    // In the lab's language (pt-BR): the TA is "Monitor".
    expect(after.tests[1]!.output).toContain('Monitor: 8/10 — clear, with the curves <b>named</b>');
    expect(after.tests[0]).toMatchObject({ score: 4, extra_data: { status: 'manual' } });
    expect(after.score).toBe(before.score - (before.tests[0]!.score ?? 0) + 4 + 8);
    // The invalid submission's pending item takes its points too.
    expect((await results('2024-0388')).tests[2]).toMatchObject({ score: 6, extra_data: { status: 'manual' } });
    const report = await read(out, '2024-0107', 'report.html');
    expect(report).toContain('clear, with the curves &lt;b&gt;named&lt;/b&gt;');
    const gradebook = await read(out, 'gradebook.csv');
    expect(gradebook.split('\r\n')[1]).toMatch(/^2024-0107,Ana Lima,2024-0107,4,8,pending,pending,/);
    expect(await read(out, 'summary.md')).toContain('2 submissões');
    // Nothing trained: the run's TensorBoard logs are the grade's, untouched.
    expect(await snapshot(join(out, '2024-0107', 'tensorboard'))).toEqual(tensorboard);

    // Applied again from the grade's record, never on top of itself: the same files.
    const first = await read(out, '2024-0107', 'results.json');
    expect((await fitcheck(['regrade', out, '--overrides', overrides])).code).toBe(0);
    expect(await read(out, '2024-0107', 'results.json')).toBe(first);
  }, 120_000);

  it('refuses a broken overrides CSV at its line, changing nothing', async () => {
    const overrides = join(scratch, 'broken.csv');
    await writeFile(overrides, 'student,item,points\n2024-0107,2,eight\n');
    const before = await read(out, 'gradebook.csv');
    const run = await fitcheck(['regrade', out, '--overrides', overrides]);
    expect(run.code).toBe(2);
    // The course's language (pt-BR) says it.
    expect(run.stderr).toContain(`${overrides}:2: os pontos "eight" não são um número ≥ 0\n  como corrigir: um CSV de sobreposições tem o cabeçalho`);
    expect(await read(out, 'gradebook.csv')).toBe(before);
  });

  it('--pdf prints every report again, with one browser for the class', async () => {
    const overrides = join(scratch, 'none.csv');
    await writeFile(overrides, 'student,item,points\n');
    const run = await fitcheck(['regrade', out, '--overrides', overrides, '--pdf']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 relatórios em PDF impressos');
    for (const key of ['2024-0107', '2024-0388']) expect((await stat(join(out, key, 'report.pdf'))).size).toBeGreaterThan(1000);
  }, 120_000);
});
