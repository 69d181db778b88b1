import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../messages/locale.js';
import { historySpec } from './history-spec.js';
import { learningRateSpec } from './lr-spec.js';
import { numberSymbols } from './report-charts.js';
import { renderSvg } from './render-svg.js';

const epochs = Array.from({ length: 12 }, (_, i) => i);
const bce = epochs.map((i) => 0.7 - 0.015 * i);
const val = epochs.map((i) => 0.68 - 0.005 * i);
const spec = historySpec({
  runs: [{ name: 'Giant', history: { epoch: epochs, history: {
    binary_crossentropy: bce, loss: bce, accuracy: bce, val_binary_crossentropy: val, val_loss: val, val_accuracy: val,
  } } }],
  metric: 'binary_crossentropy', colors: new Map([['Giant', '#1f77b4']]), smoothingStd: 0, yDomain: [0.5, 0.7],
  labels: { x: 'Época', y: 'BCE', train: 'treino', validation: 'validação', split: 'série', run: 'modelo' },
});
/** The tick labels of an SVG chart. */
const labels = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('chart numbers in the reader\'s format', () => {
  it('pt-BR: a decimal comma on the BCE axis and in the learning rate\'s exponent form', async () => {
    const pt = labels(await renderSvg(spec, numberSymbols(loadMessages('pt-BR'))));
    expect(pt).toEqual(expect.arrayContaining(['0,50', '0,52', '0,60', '0,68', '0,70']));
    expect(pt.filter((l) => /^\d+\.\d+$/.test(l))).toEqual([]);
    const lr = labels(await renderSvg(learningRateSpec(epochs.map((e) => ({ epoch: e, lr: 0.001 / (1 + e) })), { x: 'Época', y: 'taxa' }), numberSymbols(loadMessages('pt-BR'))));
    expect(lr.some((l) => /^\d,\de[-−]\d+$/.test(l))).toBe(true);
  });

  it('en: a decimal point, as before', async () => {
    const en = labels(await renderSvg(spec, numberSymbols(loadMessages('en'))));
    expect(en).toEqual(expect.arrayContaining(['0.50', '0.52', '0.70']));
    expect(en.filter((l) => /^\d+,\d+$/.test(l))).toEqual([]);
  });
});
