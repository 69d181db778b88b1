import { smooth } from '@fitcheck/core';
import type { TopLevelSpec } from 'vega-lite';
import type { NamedRun } from '../types.js';

/** Line widths: the student's runs stand out from the lab's reference runs. */
export const STUDENT_WIDTH = 2.8;
export const REFERENCE_WIDTH = 1.3;

/** The base metrics the plotter draws; the validation series is `val_<metric>`. */
export type PlottedMetric = 'binary_crossentropy' | 'accuracy' | 'loss';

export interface HistoryChartOptions {
  runs: readonly NamedRun[];
  metric: PlottedMetric;
  /** Run name → colour, shared by every chart of the report. */
  colors: ReadonlyMap<string, string>;
  /** Localized axis and legend text (the chart's title is the HTML caption, so long titles never shrink the plot). */
  labels: { x: string; y: string; train: string; validation: string; split: string; run: string };
  /**
   * The notebook's y range, e.g. [0.5, 0.7] for HIGGS BCE: used when every plotted point fits in it;
   * otherwise the range comes from the data, so no curve is cut off (a short run, a Giant far above it).
   */
  yDomain?: [number, number];
  /** Log-scale x axis starting at this epoch (the notebook's `plt.xscale('log')` from epoch 5). */
  logXFrom?: number;
  /** Smoothing std in epochs (core's `smooth`); 0 draws the raw series. */
  smoothingStd: number;
  width?: number;
  height?: number;
}

interface Point {
  run: string;
  split: string;
  /** `reference` for the lab's own runs, `student` for the student's (drawn thicker). */
  whose: 'reference' | 'student';
  epoch: number;
  value: number;
}

/** Rows of (run, split, epoch, value) for both series of every run, smoothed when asked. */
function points(options: HistoryChartOptions): Point[] {
  const { runs, metric, labels, smoothingStd, logXFrom } = options;
  const rows: Point[] = [];
  for (const { name, history, reference } of runs) {
    for (const [split, key] of [[labels.train, metric], [labels.validation, `val_${metric}`]] as const) {
      const raw = history.history[key as keyof typeof history.history];
      const values = smoothingStd > 0 && raw.length > 1 ? smooth(raw, smoothingStd) : raw;
      values.forEach((value, i) => {
        const epoch = history.epoch[i] ?? i;
        if (logXFrom !== undefined && epoch < logXFrom) return;
        if (Number.isFinite(value)) rows.push({ run: name, split, whose: reference ? 'reference' : 'student', epoch, value });
      });
    }
  }
  return rows;
}

/**
 * The notebook's history plotter as Vega-Lite: one line per (run, split), colour by run name
 * (kept across charts), training solid and validation dashed, the student's runs thicker than the
 * lab's references.
 */
export function historySpec(options: HistoryChartOptions): TopLevelSpec {
  const { labels, colors, yDomain, logXFrom, width = 640, height = 300 } = options;
  const names = [...colors.keys()].filter((n) => options.runs.some((r) => r.name === n));
  const values = points(options);
  const fits = yDomain !== undefined && values.every((p) => p.value >= yDomain[0] && p.value <= yDomain[1]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    background: 'white',
    data: { values },
    mark: { type: 'line', clip: true },
    encoding: {
      x: {
        field: 'epoch', type: 'quantitative', title: labels.x,
        scale: logXFrom !== undefined ? { type: 'log', domainMin: logXFrom } : { zero: true },
        // Epochs are whole numbers: no `2.5` ticks on a short run.
        axis: { tickMinStep: 1, format: 'd' },
      },
      y: {
        field: 'value', type: 'quantitative', title: labels.y,
        scale: fits ? { domain: yDomain, clamp: false } : { zero: false, nice: true },
      },
      color: {
        field: 'run', type: 'nominal', title: labels.run, legend: { labelLimit: 320 },
        scale: { domain: names, range: names.map((n) => colors.get(n) ?? '#000') },
      },
      strokeDash: {
        field: 'split', type: 'nominal', title: labels.split,
        scale: { domain: [labels.train, labels.validation], range: [[1, 0], [6, 4]] },
      },
      // The student's runs thicker than the lab's references; the legend's "(yours)" says it in words.
      strokeWidth: { field: 'whose', type: 'ordinal', sort: ['reference', 'student'], scale: { domain: ['reference', 'student'], range: [REFERENCE_WIDTH, STUDENT_WIDTH] }, legend: null },
      detail: { field: 'run' },
    },
    config: { font: 'DejaVu Sans, Arial, sans-serif', axis: { grid: true } },
  };
}
