import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inferShapes } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import { loadLab } from './load-lab.js';
import { LABS_DIR } from './paths.js';

describe('loadLab', () => {
  it('loads lab5: ten items adding up to 100, the notebook models with their Keras parameter counts', async () => {
    const { definition, rubric } = await loadLab('lab5');
    expect(rubric.items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(rubric.items.reduce((s, i) => s + i.points, 0)).toBe(100);
    const params = Object.fromEntries(Object.entries(definition.models).map(([k, m]) => [
      k, inferShapes({ inputShape: definition.datasets[m.dataset]!.inputShape, layers: m.layers }).totalParams,
    ]));
    // LAB.md's tables (Keras model.summary()).
    expect(params).toEqual({
      'higgs.tiny': 481, 'higgs.small': 753, 'higgs.medium': 10_241, 'higgs.large': 803_329,
      'higgs.l2': 803_329, 'higgs.dropout': 803_329, 'higgs.combined': 803_329,
      'cats.pequeno': 1_573_121, 'cats.medio': 3_277_825, 'cats.grande': 15_733_761, 'cats.regularizacao': 15_733_761,
    });
    expect(definition.profiles.full).toMatchObject({ maxEpochs: 10_000, patience: 200 });
  });

  it('reports a typo in a lab file with its position and a suggestion', async () => {
    const labs = await mkdtemp(join(tmpdir(), 'fitcheck-labs-'));
    await mkdir(join(labs, 'lab5'));
    const text = await readFile(join(LABS_DIR, 'lab5', 'lab.yaml'), 'utf8');
    await writeFile(join(labs, 'lab5', 'lab.yaml'), text.replace('  earlyStopping:', '  earlyStoping:'));
    await writeFile(join(labs, 'lab5', 'rubric.yaml'), await readFile(join(LABS_DIR, 'lab5', 'rubric.yaml'), 'utf8'));
    await expect(loadLab('lab5', labs)).rejects.toThrow(/lab\.yaml:\d+:3: unknown key "earlyStoping" .*\(did you mean "earlyStopping"\?\)/);
  });

  it('refuses a rubric naming a model the lab lacks', async () => {
    const labs = await mkdtemp(join(tmpdir(), 'fitcheck-labs-'));
    await mkdir(join(labs, 'lab5'));
    await writeFile(join(labs, 'lab5', 'lab.yaml'), await readFile(join(LABS_DIR, 'lab5', 'lab.yaml'), 'utf8'));
    const rubric = await readFile(join(LABS_DIR, 'lab5', 'rubric.yaml'), 'utf8');
    await writeFile(join(labs, 'lab5', 'rubric.yaml'), rubric.replace('baseline: higgs.large', 'baseline: higgs.huge'));
    await expect(loadLab('lab5', labs)).rejects.toMatchObject({ code: 'INVALID_LAB', message: expect.stringContaining('baseline "higgs.huge" is not a model of the lab') });
  });
});
