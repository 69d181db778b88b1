import { mkdtemp, readdir, readFile } from 'node:fs/promises';
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
    // In the lab's language (pt-BR).
    expect(stdout).toMatch(/higgs\.tiny\s+481 parâmetros\s+\d+ épocas, melhor BCE de validação 0,\d{4} na época \d+, acurácia de validação 0,\d{3}/);
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

  it('writes the notebook as one HTML report in the chosen language, with TensorBoard logs, through the reference cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-lab-'));
    const cache = await mkdtemp(join(tmpdir(), 'fitcheck-lab-cache-'));
    const only = 'higgs.tiny,higgs.small,higgs.large,higgs.l2,cats.pequeno';
    const first = await fitcheck(['lab', 'run', '--profile', 'smoke', '--lang', 'en', '--only', only, '--out', dir, '--cache', cache]);
    expect(first.code).toBe(0);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Overfitting and regularization (Higgs, cat/non-cat) — the notebook, run by fitcheck');
    // Every group's chart draws its references: Large in the size sweep and beside L2.
    const section = (id: string) => html.slice(html.indexOf(`id="curves-${id}"`), html.indexOf('<h3', html.indexOf(`id="curves-${id}"`) + 1));
    for (const m of ['higgs.tiny', 'higgs.small', 'higgs.large']) expect(section('sizes')).toContain(`>${m}</text>`);
    for (const m of ['higgs.large', 'higgs.l2']) expect(section('regularizers')).toContain(`>${m}</text>`);
    expect(section('cats')).toContain('>cats.pequeno</text>');
    // Keras summaries of every model, the cat model's classification report on the 50 test images.
    expect(html).toContain('Total params: 803,329');
    expect(html).toContain('<h3>cats.pequeno (y &gt; 0)</h3>');
    expect(html).toMatch(/weighted avg +[\d.]+ +[\d.]+ +[\d.]+ +50/);
    // Nobody's runs are "yours" in the lab's own report.
    expect(html).not.toContain('(yours)');
    const runs = await readdir(join(dir, 'tensorboard', 'regularizers'));
    expect(runs.sort()).toEqual(['higgs.l2', 'higgs.large']);
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { models: LabRunEntry[] };
    expect(summary.models.map((m) => m.source)).toEqual(['trained', 'trained', 'trained', 'trained', 'trained']);

    // Again, in the lab's language: every model is read from the cache, nothing trains.
    const pt = await mkdtemp(join(tmpdir(), 'fitcheck-lab-'));
    const again = await fitcheck(['lab', 'run', '--profile', 'smoke', '--only', only, '--out', pt, '--cache', cache]);
    expect(again.code).toBe(0);
    const cached = JSON.parse(await readFile(join(pt, 'summary.json'), 'utf8')) as { models: LabRunEntry[] };
    expect(cached.models.map((m) => m.source)).toEqual(['cache', 'cache', 'cache', 'cache', 'cache']);
    expect(await readFile(join(pt, 'report.html'), 'utf8')).toContain('<html lang="pt-BR">');
  });

  it('refuses an unknown model name', async () => {
    const { code, stderr } = await fitcheck(['lab', 'run', '--only', 'higgs.huge', '--out', await mkdtemp(join(tmpdir(), 'fitcheck-lab-'))]);
    expect(code).toBe(2);
    expect(stderr).toContain('modelo(s) desconhecido(s) higgs.huge');
  });
});
