import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrComment } from '../batch/pr-comment.js';
import { fitcheck, readResults } from '../test-helpers/cli.js';
import { submissionFixture } from '../test-helpers/paths.js';

// Lab 6 (optimization) graded by the same engine as lab 5, through the built CLI: the lab comes
// from the submission's `lab:` key (or --lab), the smoke profile trains every model on 100 HIGGS
// rows for 3 epochs, so the optimizer and schedule items are decided and the race is not.
const out = (): Promise<string> => mkdtemp(join(tmpdir(), 'fitcheck-lab6-'));
const scores = (results: Awaited<ReturnType<typeof readResults>>) =>
  Object.fromEntries(results.tests.map((t) => [t.number, [t.score ?? null, t.extra_data.status]]));

describe('lab 6 through the real CLI (smoke profile)', () => {
  it('grade: the reference gets every autograded point it can on a smoke run, the lab read from its lab: key', async () => {
    const dir = await out();
    const { code, stdout } = await fitcheck(['grade', 'fixtures/submissions/lab6-reference', '--out', dir, '--profile', 'smoke', '--lang', 'en', '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toContain('score 80/100');
    const results = await readResults(dir);
    expect(results.extra_data).toMatchObject({ lab: 'lab6', profile: 'smoke', status: 'graded', max_score: 100 });
    expect(scores(results)).toEqual({
      1: [10, 'auto'], 2.1: [10, 'auto'], 2.2: [15, 'undecided'], 3: [10, 'auto'], 4: [10, 'auto'], 5: [15, 'auto'], 6: [10, 'auto'],
      7: [null, 'pending'], 8: [null, 'pending'],
    });
    // Every model trained (3 epochs each), the cat model on the images.
    expect(results.extra_data.models.map((m) => [m.name, m.epochsRun])).toEqual(expect.arrayContaining([
      ['higgs.sgd', 3], ['higgs.momentum', 3], ['higgs.rmsprop', 3], ['higgs.adam', 3], ['higgs.scheduled', 3], ['cats.warmup', 3],
    ]));
    expect(results.extra_data.findings.map((f) => `${f.item}:${f.code}`)).toEqual(['2.2:VERDICT_UNDECIDED']);
  });

  it('grade --lab lab6: each mistake costs its own item; the report plots the lab\'s groups; the PR comment names the findings', async () => {
    const dir = await out();
    const { code, stdout } = await fitcheck(['grade', 'fixtures/submissions/lab6-mistakes', '--lab', 'lab6', '--out', dir, '--profile', 'smoke', '--lang', 'en', '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toContain('score 40/100');
    const results = await readResults(dir);
    expect(scores(results)).toEqual({
      1: [5, 'auto'], 2.1: [5, 'auto'], 2.2: [15, 'undecided'], 3: [5, 'auto'], 4: [5, 'auto'], 5: [3, 'auto'], 6: [2, 'auto'],
      7: [null, 'pending'], 8: [null, 'pending'],
    });
    expect(results.extra_data.findings.map((f) => `${f.item}:${f.code}`)).toEqual([
      '1:WRONG_OPTIMIZER', '2.1:WRONG_OPTIMIZER', '2.2:VERDICT_UNDECIDED', '3:WRONG_OPTIMIZER', '4:SIGMOID_WITH_LOGITS_LOSS',
      '5:SCHEDULE_MISMATCH', '6:SCHEDULE_MISMATCH', '8:MISSING_ANSWER',
    ]);
    expect(results.tests.find((t) => t.number === '5')!.output).toContain('step 200: learning rate 4.76837e-8, asked 0.025 ✗');

    const html = await readFile(join(dir, 'report.html'), 'utf8');
    for (const title of ['Optimizers', 'Learning-rate schedules', 'Cat / non-cat with warmup']) expect(html).toContain(title);
    expect(html).toContain('WRONG_OPTIMIZER');
    // Every model gives its own optimizer: the lab's default schedule is plotted for none of them.
    expect(html).not.toContain('Learning-rate schedule<');

    const comment = buildPrComment(results).markdown;
    expect(comment).toContain('## fitcheck: 40 / 100 — Bruno Souza');
    for (const code of ['WRONG_OPTIMIZER', 'SCHEDULE_MISMATCH', 'SIGMOID_WITH_LOGITS_LOSS']) expect(comment).toContain(code);
  });

  it('batch: a class of lab 6 submissions, the lab read from their files, one gradebook', async () => {
    const root = await out();
    await cp(submissionFixture('lab6-reference'), join(root, 'class', 'ana-lima'), { recursive: true });
    await cp(submissionFixture('lab6-mistakes'), join(root, 'class', 'bruno-souza'), { recursive: true });
    const { code, stderr } = await fitcheck(['batch', join(root, 'class'), '--out', join(root, 'out'), '--profile', 'smoke', '--jobs', '1']);
    expect(stderr).toContain('[2/2]');
    expect(code).toBe(0);
    const gradebook = (await readFile(join(root, 'out', 'gradebook.csv'), 'utf8')).split('\r\n');
    expect(gradebook[0]).toMatch(/^student_id,name,submitted_id,todo_1,todo_2\.1,todo_2\.2,todo_3,todo_4,todo_5,todo_6,todo_7,todo_8,total,/);
    expect(gradebook.slice(1, 3).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['ana-lima,Ana Lima,2024-0107', 'bruno-souza,Bruno Souza,2024-0213']);
    expect(gradebook[1]).toContain(',10,10,15,10,10,15,10,pending,pending,80,');
    expect(gradebook[2]).toContain(',5,5,15,5,5,3,2,pending,pending,40,');
  });
});

describe('lab 6 through `fitcheck check` (its own profile: 1,000 HIGGS rows, 30 epochs)', () => {
  it('decides the race on real data: momentum reaches a validation BCE of 0.66 epochs before plain SGD', async () => {
    const dir = await out();
    const { code, stdout } = await fitcheck(['check', 'fixtures/submissions/lab6-reference', '--out', dir, '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toContain('total: 80/100');
    const results = await readResults(dir);
    const race = results.tests.find((t) => t.number === '2.2')!;
    expect(race).toMatchObject({ score: 15, status: 'passed' });
    const [, momentum, sgd] = /higgs\.momentum reached a smoothed validation BCE of 0\.660 after (\d+) epochs, higgs\.sgd after (\d+|—)/.exec(race.output ?? '') ?? [];
    expect(Number(momentum)).toBeLessThan(sgd === '—' ? 31 : Number(sgd));
  });
});
