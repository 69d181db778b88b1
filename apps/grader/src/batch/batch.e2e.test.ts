import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_FRAME, runCli, sandbox, snapshotTree } from '../hostile/test-helpers/sandbox.js';
import { fitcheck } from '../test-helpers/cli.js';
import { acquireBatchLock } from './batch-lock.js';
import { GRADER_BIN } from './grade-one.js';

// End to end, through the built CLI as a TA runs it, on fixtures/class (good, mistaken,
// invalid, hostile id). One uninterrupted run is the reference the others must reproduce byte
// for byte: three shards merged, and a run killed with SIGKILL then resumed.
const CLASS = fileURLToPath(new URL('../../../../fixtures/class/', import.meta.url));
const FLAGS = ['--profile', 'smoke', '--seed', '1'];
const MAKE_HOSTILE_CLASS = fileURLToPath(new URL('../../../../fixtures/class-hostile/make-class.mjs', import.meta.url));


const read = (...path: string[]): Promise<string> => readFile(join(...path), 'utf8');
let scratch: string;
let reference: { gradebook: string; summary: string; classReport: string };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fitcheck-batch-'));
  const run = await fitcheck(['batch', CLASS, '--out', join(scratch, 'all'), '--jobs', '2', ...FLAGS]);
  expect(run.stderr).toContain('[4/4]');
  expect(run.code).toBe(0);
  reference = {
    gradebook: await read(scratch, 'all', 'gradebook.csv'), summary: await read(scratch, 'all', 'summary.md'), classReport: await read(scratch, 'all', 'class-report.html'),
  };
}, 600_000);

describe('fitcheck batch on fixtures/class', () => {
  it("gives each submission its own folder inside OUT, named by the course's identity (here the folder), never by the submission's id", async () => {
    const out = join(scratch, 'all');
    const folders = (await readdir(out, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(['ana-lima', 'bruno-souza', 'carla-dias', 'dan']);
    // `../../x` from OUT would be scratch/../x: nothing was written there or beside OUT.
    expect(existsSync(join(out, '..', '..', 'x'))).toBe(false);
    expect((await readdir(scratch)).sort()).toEqual(['all']);
    const hostile = JSON.parse(await read(out, 'dan', 'batch-entry.json')) as { folder: string; studentId: string };
    expect(hostile).toMatchObject({ folder: 'dan', studentId: 'dan', identity: 'folder', submittedId: '../../x' });
  });

  it('grades the good and mistaken ones and gives the invalid ones their own results', async () => {
    const status = async (key: string): Promise<string> => (JSON.parse(await read(scratch, 'all', key, 'batch-entry.json')) as { status: string }).status;
    expect(await status('ana-lima')).toBe('graded');
    expect(await status('bruno-souza')).toBe('graded');
    expect(await status('carla-dias')).toBe('invalid');
    expect(await status('dan')).toBe('invalid');
    const results = async (key: string): Promise<{ score: number; extra_data: { findings: { code: string }[] } }> =>
      JSON.parse(await read(scratch, 'all', key, 'results.json'));
    const good = await results('ana-lima');
    const mistaken = await results('bruno-souza');
    expect(good.score).toBeGreaterThan(mistaken.score);
    expect(mistaken.extra_data.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['SIGMOID_WITH_LOGITS_LOSS', 'TEST_SET_AS_VALIDATION']));
  });

  it('writes a gradebook with one row per student, the hostile name defused', () => {
    const lines = reference.gradebook.split('\r\n');
    expect(lines[0]).toBe('student_id,name,submitted_id,todo_1,todo_2,todo_3,todo_4,todo_5,todo_6,todo_7,todo_8,todo_9,todo_10,total,status,undecided,fault,findings,folder');
    expect(lines.slice(1, 5).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['ana-lima,Ana Lima,2024-0107', 'bruno-souza,Bruno Souza,2024-0213', 'carla-dias,Carla Dias,2024-0388', "dan,'=cmd|' /C calc'!A0,../../x"]);
    expect(lines[5]).toBe('');
    expect(reference.summary).toContain('4 submissões: 2 corrigidas, 2 inválidas, 0 não corrigidas');
  });

  it('refuses a second batch on an OUT whose owner is alive', async () => {
    const out = join(scratch, 'all');
    const release = await acquireBatchLock(out);
    const second = await fitcheck(['batch', CLASS, '--out', out, ...FLAGS]);
    await release();
    expect(second.code).toBe(2);
    // The course's language (pt-BR) says it.
    expect(second.stderr).toContain(`: outro lote (pid ${process.pid}) está gravando nesta pasta`);
  });
});

describe('sharded and resumed batches reproduce the uninterrupted gradebook', () => {
  it("writes the class report for TAs in the lab's language, every student linked to the report beside their results", async () => {
    const html = reference.classReport;
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('4 submissões');
    for (const key of ['ana-lima', 'bruno-souza', 'carla-dias', 'dan']) {
      expect(html).toContain(`<a href="${key}/report.html">${key}</a>`);
      expect(existsSync(join(scratch, 'all', key, 'report.html'))).toBe(true);
    }
  });

  it('three shards merged (one of them empty) equal the unsharded run byte for byte', async () => {
    // Stable by folder name: SHA-256 mod 3 puts bruno-souza, carla-dias in 1/3; ana-lima, dan in 2/3; none in 3/3.
    const shards = await Promise.all([1, 2, 3].map((i) => fitcheck(['batch', CLASS, '--out', join(scratch, `shard-${i}`), '--shard', `${i}/3`, ...FLAGS])));
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    expect(shards.map((s) => s.stdout.split(' ')[0])).toEqual(['2', '2', '0']);
    const merged = await fitcheck(['merge', ...[1, 2, 3].map((i) => join(scratch, `shard-${i}`)), '--out', join(scratch, 'merged')]);
    expect(merged.code).toBe(0);
    expect(await read(scratch, 'merged', 'gradebook.csv')).toBe(reference.gradebook);
    expect(await read(scratch, 'merged', 'summary.md')).toBe(reference.summary);
    expect(await read(scratch, 'merged', 'class-report.html')).toBe(reference.classReport);
    const incomplete = await fitcheck(['merge', join(scratch, 'shard-1'), join(scratch, 'shard-3'), '--out', join(scratch, 'partial')]);
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toContain('fitcheck: foram passadas as partes 1, 3 de 3\n  como corrigir: passe exatamente uma saída de cada parte, de 1 a 3');
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
    expect(resumed.stdout).toContain(`(${4 - before.length} corrigidos agora`);
    expect(await read(out, 'gradebook.csv')).toBe(reference.gradebook);
    expect(await read(out, 'summary.md')).toBe(reference.summary);
    expect(existsSync(join(out, '.work'))).toBe(false);
    expect(existsSync(join(out, '.fitcheck-batch.lock'))).toBe(false);
  }, 600_000);
});

// fixtures/class-hostile, laid out by its make-class.mjs (FIFOs, links to devices and another
// student's file, 100 empty folders are made at test time), graded by the real CLI.
describe('fitcheck batch on a hostile class', () => {
  it('finishes with a row for every submission, the honest ones graded, nothing written outside OUT', async () => {
    const { makeHostileClass } = (await import(MAKE_HOSTILE_CLASS)) as { makeHostileClass: (into: string) => string[] };
    const box = await sandbox();
    const classDir = join(box.root, 'class');
    const honest = makeHostileClass(classDir);
    const classBefore = await snapshotTree(classDir);

    const run = await runCli(box, ['batch', classDir, '--out', box.out, '--jobs', '2', ...FLAGS]);

    expect(run.code, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_FRAME);
    expect(await snapshotTree(classDir)).toEqual(classBefore);
    expect([...(await snapshotTree(box.root)).keys()].filter((p) => !/^(out|class)(\/|$)/.test(p)).sort()).toEqual(['home', 'tmp']);

    const entries = new Map<string, { key: string; status: string; studentId: string | null; studentName: string | null; submittedId?: string | null }>();
    for (const key of await readdir(box.out)) {
      if (existsSync(join(box.out, key, 'batch-entry.json'))) {
        const entry = JSON.parse(await read(box.out, key, 'batch-entry.json')) as { folder: string; key: string; status: string; studentId: string | null; studentName: string | null };
        entries.set(entry.folder, entry);
      }
    }
    const folders = (await readdir(classDir)).sort();
    expect([...entries.keys()].sort()).toEqual(folders);
    // The honest students are graded, under their own ids.
    for (const folder of honest) expect(entries.get(folder)?.status).toBe('graded');
    // A lab5.yaml that is a FIFO, or a link to /dev/stdin, /dev/zero or Ana's file, says nothing and is invalid.
    for (const folder of ['fifo', 'stdin-link', 'zero-link', 'copycat']) {
      expect(entries.get(folder)).toMatchObject({ key: folder, status: 'invalid', studentId: folder, studentName: null, submittedId: null });
    }
    // Ids naming class outputs name nothing: the folder is the identity; the class outputs are files.
    expect(entries.get('gradebook-id')).toMatchObject({ key: 'gradebook-id', submittedId: 'gradebook.csv' });
    expect(entries.get('summary-id')).toMatchObject({ key: 'summary-id', submittedId: 'summary.md' });
    expect((await stat(join(box.out, 'gradebook.csv'))).isFile()).toBe(true);
    expect((await stat(join(box.out, 'summary.md'))).isFile()).toBe(true);
    // `--help` was graded as a folder (by its own grading child), not taken for the flag.
    expect(entries.get('--help')).toMatchObject({ status: 'graded', studentId: '--help', key: expect.stringMatching(/^help-[0-9a-f]{8}$/), submittedId: '2024-0777' });
    // The empty folders were validated here: no grading child was started for them.
    expect(await read(box.out, entries.get('empty-042')!.key, 'grade.log')).toMatch(/^fitcheck batch: o envio é inválido; corrigido no próprio processo do batch, sem um processo de correção à parte\./);

    const gradebook = await read(box.out, 'gradebook.csv');
    expect(gradebook.split('\r\n').filter((l) => l !== '')).toHaveLength(1 + folders.length);
    expect(gradebook).toContain('\r\nana-lima,Ana Lima,2024-0107,');
    const summary = await read(box.out, 'summary.md');
    expect(summary).toContain(`${folders.length} submissões: 3 corrigidas, ${folders.length - 3} inválidas, 0 não corrigidas`);
    // The forged id is one line of text in its table row.
    expect(summary.split('\n').filter((l) => l.startsWith('#'))).toEqual(['# Resumo da turma', expect.stringMatching(/^## Notas/), '## Apontamentos mais frequentes', '## Para o monitor']);
    expect(summary).not.toMatch(/<img/);
  }, 600_000);

  it('refuses a torn batch-entry.json, naming it and the fix, and keeps what was graded', async () => {
    const box = await sandbox();
    const classDir = join(box.root, 'class');
    await mkdir(join(classDir, 'empty-a'), { recursive: true });
    await mkdir(join(classDir, 'empty-b'));
    // Empty folders name no lab, and grading/labs holds several: the TA says which.
    const flags = [...FLAGS, '--lab', 'lab5'];
    expect((await runCli(box, ['batch', classDir, '--out', box.out, ...flags])).code).toBe(0);
    const entry = join(box.out, 'empty-a', 'batch-entry.json');
    for (const text of ['{"folder": "empty-a", "ke', '{}']) {
      await writeFile(entry, text);
      const again = await runCli(box, ['batch', classDir, '--out', box.out, ...flags]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain(`fitcheck: ${entry}:1:`);
      expect(again.stderr).toContain(`como corrigir: o arquivo está corrompido ou foi editado à mão; apague a pasta ${join(box.out, 'empty-a')} e rode o mesmo fitcheck batch de novo`);
      expect(existsSync(join(box.out, 'empty-b', 'results.json'))).toBe(true);
    }
    await writeFile(join(box.out, 'batch-manifest.json'), '{"shard": null, "keys": "empty-a"}');
    const merged = await runCli(box, ['merge', box.out, '--out', join(box.root, 'merged')]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain(`${join(box.out, 'batch-manifest.json')}:1:`);
    expect(merged.stderr).not.toContain('is not a function');
  }, 120_000);

  it('refuses FITCHECK_THREADS=abc before any child starts: exit 1, the variable and the fix', async () => {
    const box = await sandbox();
    const run = await runCli(box, ['batch', CLASS, '--out', box.out, ...FLAGS], [], { FITCHECK_THREADS: 'abc' });
    expect(run.code).toBe(1);
    // In the lab's pt-BR: the variable and its value are data, the sentence and the fix are pt-BR's.
    expect(run.stderr).toContain('FITCHECK_THREADS="abc" não é um número de threads');
    expect(run.stderr).toContain("como corrigir: defina-a como um número inteiro ≥ 1 (por exemplo, FITCHECK_THREADS=2) ou 'auto', ou remova a variável FITCHECK_THREADS");
    expect(existsSync(box.out)).toBe(false);
  });
});
