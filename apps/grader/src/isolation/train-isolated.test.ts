import { join } from 'node:path';
import { initBackend } from '@fitcheck/core';
import type { LayerSpec } from '@fitcheck/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../lab/load-lab.js';
import type { Lab } from '../lab/types.js';
import { loadRunData } from '../run/load-data.js';
import type { RunData } from '../run/load-data.js';
import { trainModel } from '../run/train-model.js';
import { ownerOf } from '../errors.js';
import { loadMessages } from '../messages/locale.js';
import { renderText, type Text } from '../messages/text.js';
import { deathOf, trainIsolated } from './train-isolated.js';

const HELPERS = join(import.meta.dirname, 'test-helpers');

// One wasm thread, in this process and in the children: the same arithmetic, so the same numbers.
process.env.FITCHECK_THREADS = '1';

let lab: Lab;
let higgs: RunData;
let cats: RunData;
const roomy = { seconds: 120, memoryMb: 4096 };
const settings = (maxEpochs: number) => ({ setup: lab.definition.training, maxEpochs, patience: 1000, seed: 3 });
const spec = (data: RunData, layers: LayerSpec[]) => ({ inputShape: data.facts.sampleShape, layers, name: 'm' });

beforeAll(async () => {
  lab = await loadLab('lab5');
  higgs = await loadRunData('higgs', lab.definition.datasets.higgs!, { trainRows: 200, validationRows: 100, batchSize: 50 }, 3);
  cats = await loadRunData('cats', lab.definition.datasets.cats!, { batchSize: 32, validationFraction: 0.2 }, 3, {
    models: {}, preprocess: { reshape: [12288], scale: 255 },
  });
});

describe('trainIsolated: one model in a child process under a time and a memory budget', () => {
  it('gives the same history, to the last bit, as training in this process', async () => {
    const tiny = spec(higgs, lab.definition.models['higgs.tiny']!.layers);
    const epochs: number[] = [];
    const isolated = await trainIsolated(tiny, higgs, { ...settings(4), onEpoch: (e) => epochs.push(e) }, roomy);
    await initBackend({ backend: 'wasm' });
    const local = await trainModel(tiny, higgs, { ...settings(4), backend: 'wasm' });
    expect(isolated.error).toBeUndefined();
    expect(isolated.backend).toBe('wasm');
    expect(epochs).toEqual([0, 1, 2, 3]);
    expect(isolated.training!.history).toEqual(local.training!.history);
    // Tiny (481 parameters) plus TF.js and the data: tens of MiB, far under the budget.
    expect(isolated.peakRssBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(isolated.peakRssBytes).toBeLessThan(1024 * 1024 * 1024);
  });

  it('stops a run past its wall-clock budget, keeps the finished epochs, and the parent carries on', async () => {
    const small = spec(cats, [{ type: 'Dense', units: 4, activation: 'relu' }, { type: 'Dense', units: 1 }]);
    const outcome = await trainIsolated(small, cats, settings(100_000), { seconds: 3, memoryMb: 4096 });
    expect(outcome.error).toMatchObject({ code: 'TIME_BUDGET_EXCEEDED' });
    expect(outcome.error!.message).toMatch(/^training ran past its 3 s budget after \d+ epoch\(s\)$/);
    const kept = outcome.training!;
    expect(kept.epochsRun).toBeGreaterThan(0);
    expect(kept.history.history.val_binary_crossentropy).toHaveLength(kept.epochsRun);
    expect(outcome.error!.message).toContain(`after ${kept.epochsRun} epoch(s)`);
  });

  it('stops a run whose resident memory (wasm included) passes the cap', async () => {
    // The notebook's Grande cat model: 15,733,761 parameters, about 1.2 GiB resident with Adam.
    const grande = spec(cats, lab.definition.models['cats.grande']!.layers.slice(1));
    const outcome = await trainIsolated(grande, cats, settings(3), { seconds: 120, memoryMb: 400 });
    expect(outcome.error).toMatchObject({ code: 'MEMORY_BUDGET_EXCEEDED' });
    expect(outcome.error!.message).toMatch(/^training used \d+ MiB of memory, over its 400 MiB budget, after 0 epoch\(s\)$/);
    expect(outcome.peakRssBytes).toBeGreaterThan(400 * 1024 * 1024);
    expect(outcome.training).toBeUndefined();
  });

  it("reports a child that dies without a result as TRAINING_CRASHED (the machine's fault), without throwing", async () => {
    const missing = join(import.meta.dirname, 'no-such-child.js');
    const outcome = await trainIsolated(spec(higgs, lab.definition.models['higgs.tiny']!.layers), higgs, settings(1), roomy, missing);
    expect(outcome.error).toMatchObject({ code: 'TRAINING_CRASHED', message: expect.stringMatching(/^the training process ended unexpectedly \(exit code 1\) after 0 epoch\(s\), under its budgets/) });
    expect(outcome.childOutput).toContain('Cannot find module');
    expect(ownerOf(outcome.error!.code)).toBe('environment');
  });

  it('reads a SIGABRT far under the memory cap as a crash, not as the memory budget', async () => {
    const outcome = await trainIsolated(spec(higgs, lab.definition.models['higgs.tiny']!.layers), higgs, settings(1), roomy, join(HELPERS, 'abort-child.mjs'));
    expect(outcome.error).toMatchObject({ code: 'TRAINING_CRASHED', message: expect.stringContaining('(signal SIGABRT) after 0 epoch(s), under its budgets') });
    expect(outcome.peakRssBytes).toBeLessThan(roomy.memoryMb * 1024 * 1024);
  });

  it('reads a V8 heap that reaches the cap (set to the memory budget) as the memory budget', async () => {
    const outcome = await trainIsolated(spec(higgs, lab.definition.models['higgs.tiny']!.layers), higgs, settings(1), { seconds: 120, memoryMb: 96 }, join(HELPERS, 'heap-hog-child.mjs'));
    expect(outcome.error).toMatchObject({ code: 'MEMORY_BUDGET_EXCEEDED' });
    expect(ownerOf(outcome.error!.code)).toBe('submission');
  });
});

describe('deathOf: whose fault a child that sent no result is', () => {
  const limits = { seconds: 60, memoryMb: 100 };
  const MiB = 1024 * 1024;
  it('is the memory budget only when the cap was reached', () => {
    expect(deathOf({ code: null, signal: 'SIGABRT' }, { peakRssBytes: 100 * MiB, tail: '', epochs: 2 }, limits).code).toBe('MEMORY_BUDGET_EXCEEDED');
    const v8 = '<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n';
    expect(deathOf({ code: null, signal: 'SIGABRT' }, { peakRssBytes: 60 * MiB, tail: v8, epochs: 2 }, limits).code).toBe('MEMORY_BUDGET_EXCEEDED');
    expect(deathOf({ code: 134, signal: null }, { peakRssBytes: 60 * MiB, tail: 'Assertion failed', epochs: 2 }, limits)).toEqual({
      code: 'TRAINING_CRASHED', message: 'the training process ended unexpectedly (exit code 134) after 2 epoch(s), under its budgets (peak 60 MiB of 100 MiB)',
      words: { message: { key: 'errCore.fault.crashed', params: { how: { key: 'errCore.fault.exitCode', params: { code: '134' } }, epochs: 2, peak: 60, budget: 100 } } },
    });
    const segv = deathOf({ code: null, signal: 'SIGSEGV' }, { peakRssBytes: 0, tail: '', epochs: 0 }, limits);
    expect(segv.code).toBe('TRAINING_CRASHED');
    // The signal is data: pt-BR names it in its own sentence, as English does.
    expect(renderText(loadMessages('pt-BR'), segv.words!.message as Text)).toBe(
      'o processo de treino terminou de forma inesperada (sinal SIGSEGV) após 0 época(s), dentro dos seus orçamentos (pico de 0 MiB de 100 MiB)',
    );
  });
});
