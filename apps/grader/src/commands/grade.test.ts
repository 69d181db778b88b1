import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBindingProblem } from '@fitcheck/core';
import { childProcessOf, fitcheck, readResults } from '../test-helpers/cli.js';
import { editedLab5 } from '../test-helpers/lab.js';
import { submissionFixture } from '../test-helpers/paths.js';

const out = (): Promise<string> => mkdtemp(join(tmpdir(), 'fitcheck-grade-'));

describe('fitcheck grade (the real CLI on fixtures/submissions)', () => {
  it.each([
    ['invalid-yaml', /invalid-yaml\/lab5\.yaml:18:3: Flow map/],
    ['unknown-layer', /unknown-layer\/lab5\.yaml:28:19: cats\.models\.medium\.layers\[1\]\.type is "Dence".*\(did you mean "Dense"\?\)/],
    ['typo-key', /typo-key\/lab5\.yaml:18:3: unknown key "validaton" in cats.*\(did you mean "validation"\?\)/],
    ['outside-path', /outside-path\/lab5\.yaml:6:21: keras: "\.\.\/keras\/giant\.json" leads outside the submission folder/],
  ])('%s: exit 2, file:line:col on stderr, results.json with score 0', async (fixture, expected) => {
    const dir = await out();
    // English: the wording checked here is core's own; the lab's pt-BR is checked in messages/one-language.e2e.test.ts.
    const { code, stderr } = await fitcheck(['grade', `fixtures/submissions/${fixture}`, '--out', dir, '--quiet', '--lang', 'en']);
    expect(code).toBe(2);
    expect(stderr).toMatch(expected);
    const results = await readResults(dir);
    expect(results).toMatchObject({ score: 0, extra_data: { max_score: 100, status: 'invalid' } });
    expect(results.output).toMatch(expected);
    expect(results.tests).toHaveLength(10);
  });

  it('typo-key also names the misspelled layer key', async () => {
    const dir = await out();
    const { stderr } = await fitcheck(['grade', 'fixtures/submissions/typo-key', '--out', dir, '--quiet', '--lang', 'en']);
    expect(stderr).toMatch(/typo-key\/lab5\.yaml:43:55: unknown key "kernelRegulariser".*\(did you mean "kernelRegularizer"\?\)/);
  });

  it('broken: a model over budget, a shape mismatch and a diverging run each cost their item, the rest is graded', async () => {
    const dir = await out();
    const overrides = join(dir, 'overrides.yaml');
    await writeFile(overrides, 'overrides:\n  - { student: "2024-0388", item: "2", points: 4, comment: short but right }\n');
    const { code, stdout } = await fitcheck(['grade', 'fixtures/submissions/broken', '--out', dir, '--quiet', '--overrides', overrides, '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toContain(`score 49/100 → ${join(dir, 'results.json')}`);
    const results = await readResults(dir);
    const scores = Object.fromEntries(results.tests.map((t) => [t.number, t.score]));
    // 1 over budget, 6 shape mismatch, 8 diverged (half), 2 given by the TA; 7 and 9 trained or valid as usual.
    // ToDo 3 and 4 wait for the TA: no score at all, not 0/10.
    expect(scores).toStrictEqual({ 1: 0, 2: 4, 3: undefined, 4: undefined, 5: 10, 6: 0, 7: 10, 8: 5, 9: 10, 10: 10 });
    expect(results.tests.filter((t) => t.extra_data.status === 'pending').map((t) => [t.number, t.status, t.max_score])).toEqual([['3', undefined, undefined], ['4', undefined, undefined]]);
    const codes = results.extra_data.findings.map((f) => `${f.item}:${f.code}`);
    expect(codes).toEqual(expect.arrayContaining(['1:PARAM_BUDGET_EXCEEDED', '6:SHAPE_MISMATCH', '8:TRAINING_DIVERGED', '3:MISSING_ANSWER']));
    const models = Object.fromEntries(results.extra_data.models.map((m) => [m.name, m]));
    expect(models['higgs.giant']).toMatchObject({ params: 50_466_817, epochsRun: null });
    expect(models['cats.large']!.error).toMatch(/diverged at epoch 0: loss is not a finite number/);
    // The regularized model still trained after cats.large diverged.
    expect(models['cats.regularized']!.epochsRun).toBeGreaterThan(0);
    expect(results.tests.find((t) => t.number === '2')!.output).toContain('TA: 4/10 — short but right');
  });

  it('two layers named alike cost only that model\'s item, at the second name\'s file:line:col; the rest is graded', async () => {
    const dir = await out();
    const { code } = await fitcheck(['grade', 'fixtures/submissions/duplicate-names', '--out', dir, '--quiet', '--lang', 'en']);
    expect(code).toBe(0);
    const results = await readResults(dir);
    expect(results.extra_data.status).toBe('graded');
    const duplicate = results.extra_data.findings.filter((f) => f.code === 'DUPLICATE_LAYER_NAME');
    expect(duplicate).toEqual([expect.objectContaining({ item: '7', model: 'cats.medium', owner: 'submission', severity: 'error' })]);
    // The second `name: hidden` of cats.medium's layers, as written in the file.
    const line = (await readFile(join(submissionFixture('duplicate-names'), 'lab5.yaml'), 'utf8')).split('\n').findLastIndex((l) => l.includes('name: hidden')) + 1;
    expect(duplicate[0]!.message).toBe(`cats.medium: layers[2] is named "hidden" (fixtures/submissions/duplicate-names/lab5.yaml:${line}:61), like layers[1]; all layer names in a model should be unique, so the model cannot be built`);
    expect(results.extra_data.findings.map((f) => f.code)).not.toContain('PARAM_BUDGET_EXCEEDED');
    const scores = Object.fromEntries(results.tests.map((t) => [t.number, t.score]));
    // ToDo 7 (cats.medium) scores 0; the models around it are still built, trained and scored.
    expect(scores).toMatchObject({ 5: 10, 6: 10, 7: 0 });
    expect(results.extra_data.models.find((m) => m.name === 'cats.large')!.epochsRun).toBeGreaterThan(0);
  });

  it("a broken overrides file is bad input (the TA's): exit 2, results.json still written, nothing graded", async () => {
    const dir = await out();
    const overrides = join(dir, 'overrides.yaml');
    await writeFile(overrides, 'overrides:\n  - { student: "2024-0388", item: "2", pionts: 4 }\n');
    const { code, stderr } = await fitcheck(['grade', 'fixtures/submissions/broken', '--out', dir, '--quiet', '--overrides', overrides, '--lang', 'en']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/overrides\.yaml:2:\d+: unknown key "pionts".*\(did you mean "points"\?\)/);
    expect(await readResults(dir)).toMatchObject({ score: 0, tests: [], extra_data: { status: 'error', fault: { code: 'INVALID_OVERRIDES', owner: 'lab' } } });
  });

  it("a typo in the lab's rubric stops the grade before any student is graded: exit 2, rubric.yaml:line:col and the fix", async () => {
    const { dir: lab, at } = await editedLab5('rubric.yaml', '{ model: cats.small }', '{ modle: cats.small }');
    const dir = await out();
    const { code, stderr } = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', dir, '--lab', lab, '--lang', 'en']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(lab, 'rubric.yaml')}:${at('modle')}: unknown key "modle" in items[5].with; allowed: model, moreCapacityThan (did you mean "model"?)`);
    expect(stderr).toMatch(/fix: .*apps\/grader\/src\/checks\/rubric\//);
    // Nothing was trained or scored: no progress past the first line, no items in results.json, and the
    // lab (not the student) is named as the cause.
    expect(stderr).not.toMatch(/higgs\.giant|epoch/);
    const results = await readResults(dir);
    expect(results).toMatchObject({ score: 0, tests: [], extra_data: { max_score: 0, status: 'error', fault: { code: 'INVALID_LAB', owner: 'lab' }, models: [] } });
    expect(results.output).toContain('unknown key "modle"');
  });

  // The grade could not be computed for a fault that is not the student's: exit 1, not graded, no score.
  function expectNotGraded(results: Awaited<ReturnType<typeof readResults>>, fault: { code: string; owner: string }): void {
    expect(results).toMatchObject({ score: 0, tests: [], extra_data: { max_score: 0, status: 'error', fault, findings: [] } });
    expect(results.output).toMatch(/^NOT GRADED — this is not a score of 0/);
  }

  it.skipIf(nodeBindingProblem() === null)('a backend that will not start (tfjs-node forced, not installed here) is the machine\'s fault: exit 1, not graded', async () => {
    const dir = await out();
    const { code, stdout, stderr } = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', dir, '--quiet', '--lang', 'en'], { FITCHECK_BACKEND: 'node' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/not graded \(the grading machine: BACKEND_UNAVAILABLE\): higgs\.giant: the TF\.js node backend cannot start/);
    expect(stderr).toContain('fix: tfjs-node needs its native TensorFlow library');
    expect(stdout).toContain(`not graded (the grading machine: BACKEND_UNAVAILABLE) → ${join(dir, 'results.json')}`);
    expect(stdout).not.toMatch(/score \d/);
    expectNotGraded(await readResults(dir), { code: 'BACKEND_UNAVAILABLE', owner: 'environment' });
  });

  it.skipIf(nodeBindingProblem() === null)("the same fault in the lab's pt-BR: which model stopped and why in its words, on the CLI and in results.json", async () => {
    const dir = await out();
    const { code, stderr } = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', dir, '--quiet', '--lang', 'pt-BR'], { FITCHECK_BACKEND: 'node' });
    expect(code).toBe(1);
    // The reason (tfjs-node missing) and the install hint are data in pt-BR's sentences, as English says them.
    const said = 'higgs.giant: o treino parou (BACKEND_UNAVAILABLE) por uma razão que não é do modelo, então nada foi avaliado: o backend node do TF.js não consegue iniciar: o @tensorflow/tfjs-node';
    expect(stderr).toContain(`não avaliado (a máquina de correção: BACKEND_UNAVAILABLE): ${said}`);
    const fix = 'como corrigir: o tfjs-node precisa da sua biblioteca nativa do TensorFlow (ele a baixa na instalação); use FITCHECK_BACKEND=wasm';
    expect(stderr).toContain(fix);
    const results = await readResults(dir);
    expect(results.output).toContain(said);
    expect(results.extra_data.fault?.message).toMatch(/^higgs\.giant: the TF\.js node backend cannot start/);
  });

  it("a training process killed from outside, under every budget, is the machine's fault: exit 1, not graded", async () => {
    const dir = await out();
    let killed: number | undefined;
    const { code, stderr } = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', dir, '--quiet', '--lang', 'en'], {}, {
      // What an OOM killer or a crashing native library does to a training child: SIGKILL, no budget reached.
      onSpawn: (cli) => void childProcessOf(cli, 'train-child.js').then((pid) => {
        killed = pid;
        if (pid !== undefined) process.kill(pid, 'SIGKILL');
      }),
    });
    expect(killed).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(stderr).toMatch(/not graded \(the grading machine: TRAINING_CRASHED\): higgs\.giant: the training process ended unexpectedly \(signal SIGKILL\)/);
    expectNotGraded(await readResults(dir), { code: 'TRAINING_CRASHED', owner: 'environment' });
  });

  it("the same crash in the lab's pt-BR names the signal in its own sentence", async () => {
    const dir = await out();
    const { code, stderr } = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', dir, '--quiet', '--lang', 'pt-BR'], {}, {
      onSpawn: (cli) => void childProcessOf(cli, 'train-child.js').then((pid) => pid !== undefined && process.kill(pid, 'SIGKILL')),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/não avaliado \(a máquina de correção: TRAINING_CRASHED\): higgs\.giant: o treino parou \(TRAINING_CRASHED\) .*, então nada foi avaliado: o processo de treino terminou de forma inesperada \(sinal SIGKILL\) após \d+ época\(s\)/);
    expect((await readResults(dir)).output).toContain('(sinal SIGKILL)');
  });
});
