import type { TopLevelSpec } from 'vega-lite';
import type { LearningRatePoint } from '../types.js';
import { TAB10 } from './palette.js';

/** The lab's learning-rate plot: lr against epoch, one line. */
export function learningRateSpec(
  points: readonly LearningRatePoint[],
  labels: { x: string; y: string },
  { width = 640, height = 220 } = {},
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    background: 'white',
    data: { values: points.map((p) => ({ epoch: p.epoch, lr: p.lr })) },
    mark: { type: 'line', strokeWidth: 1.6, color: TAB10[0] },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: labels.x },
      y: { field: 'lr', type: 'quantitative', title: labels.y, scale: { zero: true }, axis: { format: '.1e' } },
    },
    config: { font: 'DejaVu Sans, Arial, sans-serif' },
  };
}
