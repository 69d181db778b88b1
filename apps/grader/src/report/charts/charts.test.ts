import { smooth, type History } from '@fitcheck/core';
import { describe, expect, it } from 'vitest';
import { historySpec, REFERENCE_WIDTH, STUDENT_WIDTH, type HistoryChartOptions } from './history-spec.js';
import { learningRateSpec } from './lr-spec.js';
import { RUN_PALETTE, runColors } from './palette.js';
import { renderSvg } from './render-svg.js';

/** A history whose series are simple known sequences, enough to see what the chart keeps. */
function history(n: number, offset: number): History {
  const epoch = Array.from({ length: n }, (_, i) => i);
  const series = epoch.map((i) => offset + 0.001 * i * (i % 3));
  return {
    epoch,
    history: {
      loss: series, binary_crossentropy: series, accuracy: series,
      val_loss: series.map((v) => v + 0.05), val_binary_crossentropy: series.map((v) => v + 0.05), val_accuracy: series,
    },
  };
}

const LABELS = { x: 'Epoch', y: 'BCE', train: 'Train', validation: 'Validation', split: 'Series', run: 'Model' };
type Row = { run: string; split: string; epoch: number; value: number };
const rows = (o: HistoryChartOptions) => (historySpec(o) as { data: { values: Row[] } }).data.values;

describe('runColors', () => {
  it("gives each name matplotlib's tab10 colour (then tab20's light shades) in order of first appearance, the same in every chart", () => {
    const colors = runColors(['Tiny', 'Small', 'Medium', 'Large', 'Tiny', 'L2', 'Dropout', 'Combined']);
    expect([...colors.entries()]).toEqual([
      ['Tiny', '#1f77b4'], ['Small', '#ff7f0e'], ['Medium', '#2ca02c'], ['Large', '#d62728'],
      ['L2', '#9467bd'], ['Dropout', '#8c564b'], ['Combined', '#e377c2'],
    ]);
    // The lab's twelve runs (with Giant) all differ; only a 21st name repeats the first colour.
    const many = runColors(Array.from({ length: 21 }, (_, i) => `m${i}`));
    expect(new Set([...many.values()].slice(0, 20)).size).toBe(20);
    expect(many.get('m10')).toBe('#aec7e8');
    expect(many.get('m20')).toBe(RUN_PALETTE[0]);
  });
});

describe('historySpec', () => {
  const runs = [{ name: 'Tiny', history: history(30, 0.6) }, { name: 'L2', history: history(30, 0.62) }];
  const colors = runColors(['Tiny', 'Small', 'L2']);

  it("keeps each run's colour from the shared map, whatever else the chart shows", () => {
    const spec = historySpec({ runs, metric: 'binary_crossentropy', colors, labels: LABELS, smoothingStd: 0 }) as unknown as {
      encoding: { color: { scale: { domain: string[]; range: string[] } }; strokeDash: { scale: { domain: string[]; range: number[][] } } };
    };
    expect(spec.encoding.color.scale).toEqual({ domain: ['Tiny', 'L2'], range: ['#1f77b4', '#2ca02c'] });
    // Training solid, validation dashed.
    expect(spec.encoding.strokeDash.scale).toEqual({ domain: ['Train', 'Validation'], range: [[1, 0], [6, 4]] });
  });

  it("smooths each series with core's smooth(values, std), validation from val_<metric>", () => {
    const out = rows({ runs, metric: 'binary_crossentropy', colors, labels: LABELS, smoothingStd: 2 });
    const tinyVal = out.filter((r) => r.run === 'Tiny' && r.split === 'Validation').map((r) => r.value);
    expect(tinyVal).toEqual(smooth(runs[0]?.history.history.val_binary_crossentropy ?? [], 2));
    expect(out).toHaveLength(4 * 30);
  });

  type Spec = { mark: { clip: boolean }; encoding: { x: { scale: object }; y: { scale: { domain?: number[] } } }; data: { values: Row[] } };

  it("keeps the notebook's y range when every point fits in it, and for log-x drops the epochs before the start", () => {
    // Values 0.55 … 0.66: inside [0.5, 0.7].
    const low = [{ name: 'Tiny', history: history(30, 0.55) }];
    const spec = historySpec({ runs: low, metric: 'binary_crossentropy', colors, labels: LABELS, smoothingStd: 0, yDomain: [0.5, 0.7], logXFrom: 5 }) as unknown as Spec;
    expect(Math.max(...spec.data.values.map((r) => r.value))).toBeLessThan(0.7);
    expect(spec.mark.clip).toBe(true);
    expect(spec.encoding.y.scale.domain).toEqual([0.5, 0.7]);
    expect(spec.encoding.x.scale).toEqual({ type: 'log', domainMin: 5 });
    expect(Math.min(...spec.data.values.map((r) => r.epoch))).toBe(5);
  });

  it("takes the y range from the data when a curve leaves the notebook's, so nothing is cut off", () => {
    // The L2 run's validation reaches 0.72, above 0.7.
    const spec = historySpec({ runs, metric: 'binary_crossentropy', colors, labels: LABELS, smoothingStd: 0, yDomain: [0.5, 0.7] }) as unknown as Spec;
    expect(Math.max(...spec.data.values.map((r) => r.value))).toBeGreaterThan(0.7);
    expect(spec.encoding.y.scale).toEqual({ zero: false, nice: true });
  });

  it("draws the student's runs thicker than the lab's reference runs", async () => {
    const mixed = [{ ...runs[0]!, reference: true }, runs[1]!];
    const spec = historySpec({ runs: mixed, metric: 'binary_crossentropy', colors, labels: LABELS, smoothingStd: 0 });
    const values = (spec as unknown as { data: { values: (Row & { whose: string })[] } }).data.values;
    expect(new Set(values.filter((r) => r.run === 'Tiny').map((r) => r.whose))).toEqual(new Set(['reference']));
    expect(new Set(values.filter((r) => r.run === 'L2').map((r) => r.whose))).toEqual(new Set(['student']));
    expect(STUDENT_WIDTH).toBeGreaterThan(REFERENCE_WIDTH);
    // In the SVG Vega draws, the lines (dashed or solid, not the legend's symbols): the student's L2 at the student's width, Tiny at the reference's.
    const svg = await renderSvg(spec);
    const widths = (color: string) => new Set([...svg.matchAll(new RegExp(`stroke="${color}" stroke-width="([\\d.]+)" stroke-dasharray`, 'g'))].map((m) => Number(m[1])));
    expect(widths(colors.get('L2')!)).toEqual(new Set([STUDENT_WIDTH]));
    expect(widths(colors.get('Tiny')!)).toEqual(new Set([REFERENCE_WIDTH]));
  });
});

describe('renderSvg', () => {
  it("names the chart in the reader's words and keeps none of Vega's English ARIA text", async () => {
    const spec = historySpec({ runs: [{ name: 'Tiny', history: history(10, 0.6) }], metric: 'binary_crossentropy', colors: runColors(['Tiny']), labels: LABELS, smoothingStd: 0 });
    const svg = await renderSvg(spec, { decimal: ',', thousands: '.' }, 'Tamanhos: "entropia" <cruzada>');
    expect(svg).toMatch(/^<svg role="img" aria-label="Tamanhos: &quot;entropia&quot; &lt;cruzada&gt;" /);
    expect(svg).not.toMatch(/aria-roledescription|titled|for a (linear|log) scale|group mark container/);
    expect(svg.match(/aria-label=/g)).toHaveLength(1);
  });

  it('renders Vega-Lite to standalone SVG in Node, tick labels as Vega formats them', async () => {
    const svg = await renderSvg(learningRateSpec([{ epoch: 0, lr: 0.001 }, { epoch: 1000, lr: 0.0005 }], { x: 'Epoch', y: 'Rate' }));
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('>1.0e-3</text>');
    expect(svg).toContain('>Rate</text>');
  });

  it('never loads data from outside the spec', async () => {
    await expect(renderSvg({ data: { url: 'data.csv' }, mark: 'point' })).rejects.toThrow(expect.objectContaining({ code: 'CHART_FAILED', message: expect.stringMatching(/loading is disabled/) }));
  });
});
