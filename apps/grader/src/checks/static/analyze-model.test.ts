import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '@fitcheck/core';
import { localizeFinding } from '../../findings/finding.js';
import { loadMessages } from '../../messages/locale.js';
import { analyzeModel } from './analyze-model.js';

const dense = (units: number, extra: Partial<LayerSpec> = {}): LayerSpec => ({ type: 'Dense', units, activation: 'elu', ...extra }) as LayerSpec;
const out: LayerSpec = { type: 'Dense', units: 1 };

describe('analyzeModel', () => {
  it('reproduces the Keras parameter counts of LAB.md and counts FLOPs per epoch', () => {
    const counts = [
      [[dense(16)], 481],
      [[dense(16), dense(16)], 753],
      [[dense(64), dense(64), dense(64)], 10_241],
      [[dense(512), dense(512), dense(512), dense(512)], 803_329],
      [[dense(1024), dense(1024), dense(1024), dense(1024)], 3_179_521],
    ] as const;
    for (const [hidden, params] of counts) {
      const { facts, findings } = analyzeModel('m', { inputShape: [28], layers: [...hidden, out] }, { trainSamples: 10 });
      expect(findings).toEqual([]);
      expect(facts?.params).toBe(params);
    }
    // Tiny: forward 2·(28·16 + 16·1) = 928 FLOPs per sample; training ≈ 3× forward.
    const tiny = analyzeModel('tiny', { inputShape: [28], layers: [dense(16), out] }, { trainSamples: 10_000 }).facts!;
    expect(tiny.flopsPerSample).toBe(928);
    expect(tiny.flopsPerEpoch).toBe(3 * 928 * 10_000);
    expect(tiny.outputActivation).toBe('linear');
  });

  it('flags a cat model without Flatten: Dense on (64, 64, 3) outputs (None, 64, 64, 1)', () => {
    const { findings } = analyzeModel('cats.small', { inputShape: [64, 64, 3], layers: [dense(16), out] });
    expect(findings.map((f) => f.code)).toEqual(['SHAPE_MISMATCH']);
    expect(findings[0]!.message).toContain('(None, 64, 64, 1)');
    expect(findings[0]!.message).toContain('start with { type: Flatten }');
  });

  it('says a Reshape that does not fit in the reader\'s language (core\'s words), the same English as core\'s', () => {
    const spec = { inputShape: [28], layers: [{ type: 'Reshape', targetShape: [5, -1] }, { type: 'Flatten' }, out] as LayerSpec[] };
    const [f] = analyzeModel('higgs.small', spec).findings;
    expect(f!.message).toBe('higgs.small: layers[0] (Reshape) on input (None, 28): cannot reshape 28 values into [5, -1]: 28 is not a multiple of 5');
    expect(localizeFinding(f!, loadMessages('pt-BR')).message).toBe(
      'higgs.small: layers[0] (Reshape) com a entrada (None, 28): não é possível remodelar 28 valores em [5, -1]: 28 não é múltiplo de 5',
    );
  });

  it('refuses a model over the budget without allocating it (50 M parameters checked in microseconds)', () => {
    const spec = { inputShape: [28], layers: [dense(4096), dense(4096), dense(4096), dense(4096), out] };
    const { findings, facts } = analyzeModel('higgs.giant', spec, { budget: 20_000_000 });
    expect(facts?.params).toBe(50_466_817);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['PARAM_BUDGET_EXCEEDED', 'error']]);
    expect(findings[0]!.message).toContain('50,466,817');
  });

  it('checks dropout rates and regularizer factors before shapes', () => {
    const bad = analyzeModel('m', {
      inputShape: [28],
      layers: [dense(8, { kernelRegularizer: { l2: Infinity } }), { type: 'Dropout', rate: 1 }, out],
    });
    expect(bad.findings.map((f) => f.code)).toEqual(['INVALID_HYPERPARAMETER', 'INVALID_HYPERPARAMETER']);
    expect(bad.facts).toBeUndefined();
  });

  it('notes regularization and a sigmoid output', () => {
    const facts = analyzeModel('m', {
      inputShape: [12288],
      layers: [dense(8, { kernelRegularizer: { l2: 0.001 } }), { type: 'Dropout', rate: 0.5 }, { type: 'Dense', units: 1, activation: 'sigmoid' }],
    }).facts!;
    expect([facts.hasWeightPenalty, facts.hasDropout, facts.outputActivation]).toEqual([true, true, 'sigmoid']);
  });

  it('flags a Keras document whose declared input differs from the data', () => {
    const { findings } = analyzeModel('m', { inputShape: [28], layers: [out] }, { declaredInputShape: [30] });
    expect(findings[0]!.message).toContain('expects input (None, 30) but the data is (None, 28)');
  });
});

describe('analyzeModel: the FLOP budget', () => {
  it('refuses Dense layers applied per pixel, under the parameter budget but over the FLOP budget', () => {
    const perPixel: LayerSpec[] = [dense(4096), dense(4096), { type: 'Flatten' }, out];
    const { facts, findings } = analyzeModel('cats.large', { inputShape: [64, 64, 3], layers: perPixel }, { budget: 40_000_000, flopBudget: 100_000_000 });
    // 4,096 pixels × 2·(3·4096 + 4096·4096) + 2·(64·64·4096) = 137,573,171,200 forward FLOPs per image.
    expect(facts?.flopsPerSample).toBe(4096 * 2 * (3 * 4096 + 4096 * 4096) + 2 * 64 * 64 * 4096);
    expect(facts?.params).toBe(33_574_913);
    expect(findings.map((f) => [f.code, f.severity, f.message])).toEqual([[
      'FLOP_BUDGET_EXCEEDED', 'error', "cats.large needs 137,573,171,200 FLOPs per sample, over the lab's budget of 100,000,000; it was not built",
    ]]);
  });

  it('lets the same parameters through once the image is flattened first', () => {
    const flat = analyzeModel('cats.large', { inputShape: [12288], layers: [dense(3250), out] }, { budget: 40_000_000, flopBudget: 100_000_000 });
    expect(flat.findings).toEqual([]);
    // 2·12288·3250 (Dense 3250) + 2·3250 (Dense 1): 79,878,500, under the budget.
    expect(flat.facts?.flopsPerSample).toBe(2 * 12288 * 3250 + 2 * 3250);
  });
});
