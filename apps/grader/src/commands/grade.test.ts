import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitcheck, readResults } from '../test-helpers/cli.js';
import { editedLab5 } from '../test-helpers/lab.js';

const out = (): Promise<string> => mkdtemp(join(tmpdir(), 'fitcheck-grade-'));

describe('fitcheck grade (the real CLI on fixtures/submissions)', () => {
  it.each([
    ['invalid-yaml', /invalid-yaml\/lab5\.yaml:18:3: Flow map/],
    ['unknown-layer', /unknown-layer\/lab5\.yaml:28:19: cats\.models\.medium\.layers\[1\]\.type is "Dence".*\(did you mean "Dense"\?\)/],
    ['typo-key', /typo-key\/lab5\.yaml:18:3: unknown key "validaton" in cats.*\(did you mean "validation"\?\)/],
    ['outside-path', /outside-path\/lab5\.yaml:6:21: keras: "\.\.\/keras\/giant\.json" leads outside the submission folder/],
  ])('%s: exit 2, file:line:col on stderr, results.json with score 0', async (fixture, expected) => {
    const dir = await out();
    const { code, stderr } = await fitcheck(['grade', `fixtures/submissions/${fixture}`, '--out', dir, '--quiet']);
    expect(code).toBe(2);
    expect(stderr).toMatch(expected);
    const results = await readResults(dir);
    expect(results).toMatchObject({ score: 0, max_score: 100, extra_data: { status: 'invalid' } });
    expect(results.output).toMatch(expected);
    expect(results.tests).toHaveLength(10);
  });

  it('typo-key also names the misspelled layer key', async () => {
    const dir = await out();
    const { stderr } = await fitcheck(['grade', 'fixtures/submissions/typo-key', '--out', dir, '--quiet']);
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
    expect(scores).toEqual({ 1: 0, 2: 4, 3: 0, 4: 0, 5: 10, 6: 0, 7: 10, 8: 5, 9: 10, 10: 10 });
    const codes = results.extra_data.findings.map((f) => `${f.item}:${f.code}`);
    expect(codes).toEqual(expect.arrayContaining(['1:PARAM_BUDGET_EXCEEDED', '6:SHAPE_MISMATCH', '8:TRAINING_DIVERGED', '3:MISSING_ANSWER']));
    const models = Object.fromEntries(results.extra_data.models.map((m) => [m.name, m]));
    expect(models['higgs.giant']).toMatchObject({ params: 50_466_817, epochsRun: null });
    expect(models['cats.large']!.error).toMatch(/diverged at epoch 0: loss is not a finite number/);
    // The regularized model still trained after cats.large diverged.
    expect(models['cats.regularized']!.epochsRun).toBeGreaterThan(0);
    expect(results.tests.find((t) => t.number === '2')!.output).toContain('TA: 4/10 — short but right');
  });

  it('a broken overrides file is bad input: exit 2, and results.json still written', async () => {
    const dir = await out();
    const overrides = join(dir, 'overrides.yaml');
    await writeFile(overrides, 'overrides:\n  - { student: "2024-0388", item: "2", pionts: 4 }\n');
    const { code, stderr } = await fitcheck(['grade', 'fixtures/submissions/broken', '--out', dir, '--quiet', '--overrides', overrides, '--lang', 'en']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/overrides\.yaml:2:\d+: unknown key "pionts".*\(did you mean "points"\?\)/);
    expect((await readResults(dir)).score).toBe(0);
  });

  it("a typo in the lab's rubric stops the grade before any student is graded: exit 2, rubric.yaml:line:col and the fix", async () => {
    const { dir: lab, at } = await editedLab5('rubric.yaml', '{ model: cats.small }', '{ modle: cats.small }');
    const dir = await out();
    const { code, stderr } = await fitcheck(['grade', 'fixtures/submissions/reference', '--out', dir, '--lab', lab, '--lang', 'en']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(lab, 'rubric.yaml')}:${at('modle')}: unknown key "modle" in items[5].with; allowed: model, moreCapacityThan (did you mean "model"?)`);
    expect(stderr).toMatch(/fix: .*apps\/grader\/src\/checks\/rubric\//);
    // Nothing was trained or scored: no progress past the first line, no items in results.json.
    expect(stderr).not.toMatch(/higgs\.giant|epoch/);
    const results = await readResults(dir);
    expect(results).toMatchObject({ score: 0, tests: [], extra_data: { status: 'invalid', models: [] } });
    expect(results.output).toContain('unknown key "modle"');
  });
});
