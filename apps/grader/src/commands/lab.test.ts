import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { History } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import type { LabRunEntry } from '../run/run-lab.js';
import { fitcheck } from '../test-helpers/cli.js';

describe('fitcheck lab run', () => {
  it('trains the chosen notebook models and writes histories, summaries and Keras summary tables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-lab-'));
    const { code, stdout } = await fitcheck(['lab', 'run', '--profile', 'check', '--only', 'higgs.tiny,higgs.small', '--out', dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/higgs\.tiny\s+481 params\s+\d+ epochs/);
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { models: LabRunEntry[]; profile: string; seed: number };
    expect(summary).toMatchObject({ profile: 'check', seed: 1 });
    expect(summary.models.map((m) => [m.model, m.params, m.error])).toEqual([['higgs.tiny', 481, null], ['higgs.small', 753, null]]);
    const histories = JSON.parse(await readFile(join(dir, 'histories.json'), 'utf8')) as Record<string, History>;
    const tiny = histories['higgs.tiny']!;
    expect(tiny.history.val_binary_crossentropy).toHaveLength(summary.models[0]!.epochsRun!);
    // Binary cross-entropy of a fresh Tiny model on balanced labels starts near ln 2.
    expect(tiny.history.binary_crossentropy[0]).toBeGreaterThan(0.5);
    expect(tiny.history.binary_crossentropy[0]).toBeLessThan(1.5);
    const tables = await readFile(join(dir, 'summaries.txt'), 'utf8');
    expect(tables).toContain('Model: "tiny"');
    expect(tables).toMatch(/Total params: 481/);
  });

  it('refuses an unknown model name', async () => {
    const { code, stderr } = await fitcheck(['lab', 'run', '--only', 'higgs.huge', '--out', await mkdtemp(join(tmpdir(), 'fitcheck-lab-'))]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown model(s) higgs.huge');
  });
});
