import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitcheck } from '../test-helpers/cli.js';
import { acquireBatchLock } from './batch-lock.js';
import { GRADER_BIN } from './grade-one.js';

// End to end, through the built CLI as a TA runs it, on fixtures/class (good, mistaken,
// invalid, hostile id). One uninterrupted run is the reference the others must reproduce byte
// for byte: three shards merged, and a run killed with SIGKILL then resumed.
const CLASS = fileURLToPath(new URL('../../../../fixtures/class/', import.meta.url));
const FLAGS = ['--profile', 'smoke', '--seed', '1'];


const read = (...path: string[]): Promise<string> => readFile(join(...path), 'utf8');
let scratch: string;
let reference: { gradebook: string; summary: string };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fitcheck-batch-'));
  const run = await fitcheck(['batch', CLASS, '--out', join(scratch, 'all'), '--jobs', '2', ...FLAGS]);
  expect(run.stderr).toContain('[4/4]');
  expect(run.code).toBe(0);
  reference = { gradebook: await read(scratch, 'all', 'gradebook.csv'), summary: await read(scratch, 'all', 'summary.md') };
}, 600_000);

describe('fitcheck batch on fixtures/class', () => {
  it('gives each submission its own folder, named by sanitized id, inside OUT', async () => {
    const out = join(scratch, 'all');
    const folders = (await readdir(out, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(['2024-0107', '2024-0213', '2024-0388', 'x-9cdf6a50']);
    // `../../x` from OUT would be scratch/../x: nothing was written there or beside OUT.
    expect(existsSync(join(out, '..', '..', 'x'))).toBe(false);
    expect((await readdir(scratch)).sort()).toEqual(['all']);
    const hostile = JSON.parse(await read(out, 'x-9cdf6a50', 'batch-entry.json')) as { folder: string; studentId: string };
    expect(hostile).toMatchObject({ folder: 'dan', studentId: '../../x' });
  });

  it('grades the good and mistaken ones and gives the invalid ones their own results', async () => {
    const status = async (key: string): Promise<string> => (JSON.parse(await read(scratch, 'all', key, 'batch-entry.json')) as { status: string }).status;
    expect(await status('2024-0107')).toBe('graded');
    expect(await status('2024-0213')).toBe('graded');
    expect(await status('2024-0388')).toBe('invalid');
    expect(await status('x-9cdf6a50')).toBe('invalid');
    const results = async (key: string): Promise<{ score: number; extra_data: { findings: { code: string }[] } }> =>
      JSON.parse(await read(scratch, 'all', key, 'results.json'));
    const good = await results('2024-0107');
    const mistaken = await results('2024-0213');
    expect(good.score).toBeGreaterThan(mistaken.score);
    expect(mistaken.extra_data.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['SIGMOID_WITH_LOGITS_LOSS', 'TEST_SET_AS_VALIDATION']));
  });

  it('writes a gradebook with one row per student, the hostile name defused', () => {
    const lines = reference.gradebook.split('\r\n');
    expect(lines[0]).toBe('student_id,name,todo_1,todo_2,todo_3,todo_4,todo_5,todo_6,todo_7,todo_8,todo_9,todo_10,total,status,undecided,fault,findings,folder');
    expect(lines.slice(1, 5).map((l) => l.split(',')[0])).toEqual(['2024-0107', '2024-0213', '2024-0388', '../../x']);
    expect(lines[4]).toMatch(/^\.\.\/\.\.\/x,'=cmd\|' \/C calc'!A0,/);
    expect(lines[5]).toBe('');
    expect(reference.summary).toContain('4 submissions: 2 graded, 2 invalid, 0 not graded');
  });

  it('refuses a second batch on an OUT whose owner is alive', async () => {
    const out = join(scratch, 'all');
    const release = await acquireBatchLock(out);
    const second = await fitcheck(['batch', CLASS, '--out', out, ...FLAGS]);
    await release();
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('another batch');
  });
});

describe('sharded and resumed batches reproduce the uninterrupted gradebook', () => {
  it('three shards merged (one of them empty) equal the unsharded run byte for byte', async () => {
    // Stable by folder name: SHA-256 mod 3 puts bruno-souza, carla-dias in 1/3; ana-lima, dan in 2/3; none in 3/3.
    const shards = await Promise.all([1, 2, 3].map((i) => fitcheck(['batch', CLASS, '--out', join(scratch, `shard-${i}`), '--shard', `${i}/3`, ...FLAGS])));
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    expect(shards.map((s) => s.stdout.split(' ')[0])).toEqual(['2', '2', '0']);
    const merged = await fitcheck(['merge', ...[1, 2, 3].map((i) => join(scratch, `shard-${i}`)), '--out', join(scratch, 'merged')]);
    expect(merged.code).toBe(0);
    expect(await read(scratch, 'merged', 'gradebook.csv')).toBe(reference.gradebook);
    expect(await read(scratch, 'merged', 'summary.md')).toBe(reference.summary);
    const incomplete = await fitcheck(['merge', join(scratch, 'shard-1'), join(scratch, 'shard-3'), '--out', join(scratch, 'partial')]);
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toContain('have shards 1, 3 of 3');
  }, 600_000);

  it('a batch killed with SIGKILL after a submission finished resumes to the same gradebook', async () => {
    const out = join(scratch, 'killed');
    // Its own process group, so the kill takes the batch and the grading child at once.
    const batch = spawn(process.execPath, [GRADER_BIN, 'batch', CLASS, '--out', out, '--jobs', '1', ...FLAGS], { detached: true, stdio: 'ignore' });
    const finished = async (): Promise<string[]> => {
      const dirs = existsSync(out) ? await readdir(out) : [];
      return dirs.filter((d) => existsSync(join(out, d, 'batch-entry.json')));
    };
    let exited = false;
    const exit = new Promise((r) => batch.once('exit', () => r((exited = true))));
    // Submissions are graded in folder order (ana-lima first); stop as soon as one is done.
    while ((await finished()).length === 0 && !exited) await new Promise((r) => setTimeout(r, 100));
    expect(exited).toBe(false);
    process.kill(-(batch.pid as number), 'SIGKILL');
    await exit;
    const before = await finished();
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.length).toBeLessThan(4);
    expect(existsSync(join(out, 'gradebook.csv'))).toBe(false);
    expect(existsSync(join(out, '.fitcheck-batch.lock'))).toBe(true);

    const resumed = await fitcheck(['batch', CLASS, '--out', out, '--jobs', '1', ...FLAGS]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`(${4 - before.length} graded now`);
    expect(await read(out, 'gradebook.csv')).toBe(reference.gradebook);
    expect(await read(out, 'summary.md')).toBe(reference.summary);
    expect(existsSync(join(out, '.work'))).toBe(false);
    expect(existsSync(join(out, '.fitcheck-batch.lock'))).toBe(false);
  }, 600_000);
});
