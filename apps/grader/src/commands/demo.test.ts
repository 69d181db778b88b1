import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitcheck, readResults } from '../test-helpers/cli.js';

describe('fitcheck demo (the reference solution, profile check)', () => {
  it('gets every autograded point and prints the score table and the results path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-demo-'));
    const { code, stdout, stderr } = await fitcheck(['demo', '--out', dir, '--lang', 'en']);
    expect(code).toBe(0);
    expect(stderr).toContain('higgs: 250 training rows, 250 validation rows');
    expect(stderr).toContain('models trained: higgs.giant, cats.large, cats.regularized');
    expect(stdout).toMatch(/total: 70\/100/);
    expect(stdout).toContain(`results: ${join(dir, 'results.json')}`);
    expect(stdout).toContain(`report: ${join(dir, 'report.html')}`);
    const results = await readResults(dir);
    const auto = results.tests.filter((t) => t.extra_data.status === 'auto');
    expect(auto.map((t) => t.number)).toEqual(['1', '5', '6', '7', '8', '9', '10']);
    expect(auto.every((t) => t.score === t.max_score)).toBe(true);
    expect(results.tests.filter((t) => t.extra_data.status === 'pending').map((t) => t.number)).toEqual(['2', '3', '4']);
    expect(results.extra_data.findings).toEqual([]);
    const giant = results.extra_data.models.find((m) => m.name === 'higgs.giant')!;
    // It overfits: training BCE ends below validation BCE, which passed its minimum.
    expect(giant.finalValBce! - giant.finalTrainBce!).toBeGreaterThan(0.1);
    expect(giant.bestEpoch).toBeLessThan(giant.epochsRun! - 1);
    expect(results.extra_data).toMatchObject({ profile: 'check', seed: 1, lab: 'lab5', backend: 'wasm' });
  });
});
