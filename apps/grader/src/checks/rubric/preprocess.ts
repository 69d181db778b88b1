import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Line } from '../../messages/text.js';
import type { RunFacts } from '../facts.js';
import { defineCheck, type CheckedItem, type CheckOutcome } from '../types.js';
import { fmt, outcome } from './helpers.js';

interface Params {
  /** The image dataset, e.g. `cats`. */
  dataset: string;
  /** Values in one preprocessed sample, e.g. 64·64·3 = 12,288. */
  size: number;
  /** `[low, high]` the scaled values must lie in and mostly use (default `[0, 1]`). */
  range?: [number, number];
}

/**
 * ToDo 5: half the points for the shape (one sample holds `size` values, e.g. 64·64·3 = 12,288),
 * half for the value range of the arrays the run actually trained on (within `range`, and
 * using most of it: pixels / 255 reach 1, pixels / 1000 do not).
 */
export const preprocess = defineCheck<Params>({
  name: 'preprocess',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['dataset', 'size'],
    properties: {
      dataset: { type: 'string' },
      size: { type: 'integer', minimum: 1 },
      range: { type: 'array', items: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2, nullable: true },
    },
  },
  modelParams: [],
  datasetParams: ['dataset'],
  findings: ['MISSING_ITEM', 'BAD_PREPROCESS'],
  run: scorePreprocess,
});

function scorePreprocess(facts: RunFacts, item: CheckedItem<Params>): CheckOutcome {
  const { dataset, size } = item.with;
  const declared = facts.submission.sections[dataset]?.preprocess;
  if (!declared) return outcome(item, 0, [text('output.notSubmitted', { what: `${dataset}.preprocess` })], [finding('MISSING_ITEM', 'error', { what: `${dataset}.preprocess` })]);
  const [low, high] = item.with.range ?? [0, 1];
  const findings: Finding[] = [];
  const lines: Line[] = [];
  let score = 0;

  const values = declared.reshape.reduce((a, b) => a * b, 1);
  lines.push(text('output.reshape', { shape: declared.reshape.join(', '), values }));
  if (values === size) score += item.points / 2;
  else findings.push(finding('BAD_PREPROCESS', 'error', { detail: text('detail.reshapeSize', { shape: declared.reshape.join(', '), values, size }) }));

  const data = facts.datasets[dataset];
  // Without loaded data (an invalid run), judge the range from the raw uint8 pixels.
  const [min, max] = data ? [data.min, data.max] : [0, 255 / declared.scale];
  lines.push(text('output.scaledRange', { scale: declared.scale, min: fmt(min, 3), max: fmt(max, 3) }));
  if (min >= low && max <= high && max >= low + (high - low) / 2) score += item.points / 2;
  else findings.push(finding('BAD_PREPROCESS', 'error', { detail: text('detail.scaledRange', { scale: declared.scale, min: fmt(min, 3), max: fmt(max, 3), low, high }) }));
  return outcome(item, score, lines, findings);
}
