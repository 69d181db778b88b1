import { inferShapes } from '../spec/infer-shapes.js';
import type { InferredModel, Shape } from '../spec/infer-shapes.js';
import type { ModelSpec } from '../spec/types.js';

export interface SummaryOptions {
  /** Header name; default the spec's `name`, else `sequential`. */
  name?: string;
  /**
   * Total width. Keras uses min(88, terminal columns − 4): 88 in a wide terminal (the default
   * here), 76 in Colab/Jupyter and 80-column terminals.
   */
  lineLength?: number;
}

// Keras 3 `print_summary` for sequential models: three columns at relative positions
// 0.45 / 0.80 / 1.0 of the line, drawn by rich with the HEAVY_HEAD box and a rule between rows.
const POSITIONS = [0.45, 0.8, 1.0] as const;
const HEADER = ['Layer (type)', 'Output Shape', 'Param #'] as const;
const RIGHT_ALIGNED = [false, false, true] as const;
const BYTES_PER_PARAM = 4; // float32

/**
 * The text Keras 3 prints for `model.summary()` of this spec: a box-drawn table of
 * `name (Class)`, output shape and parameter count, then total / trainable / non-trainable
 * params with their float32 size (`Total params: 803,329 (3.06 MB)`, 1 KB = 1024 B).
 */
export function formatSummary(spec: ModelSpec, options: SummaryOptions = {}): string {
  return renderSummary(inferShapes(spec), options);
}

/** {@link formatSummary} for an already inferred model. */
export function renderSummary(model: InferredModel, options: SummaryOptions = {}): string {
  const widths = contentWidths(options.lineLength ?? 88);
  const rows = model.layers.map((l) => [`${l.name} (${l.type})`, formatShape(l.outputShape), thousands(l.params)]);
  const lines = [`Model: "${options.name ?? model.name}"`];
  lines.push(rule('┏', '━', '┳', '┓', widths));
  lines.push(...row(HEADER, widths, '┃'));
  lines.push(rule('┡', '━', '╇', '┩', widths));
  rows.forEach((cells, i) => {
    if (i > 0) lines.push(rule('├', '─', '┼', '┤', widths));
    lines.push(...row(cells, widths, '│'));
  });
  lines.push(rule('└', '─', '┴', '┘', widths));
  const size = readableMemorySize(model.totalParams * BYTES_PER_PARAM);
  const trainableSize = readableMemorySize(model.trainableParams * BYTES_PER_PARAM);
  lines.push(` Total params: ${thousands(model.totalParams)} (${size})`);
  lines.push(` Trainable params: ${thousands(model.trainableParams)} (${trainableSize})`);
  lines.push(` Non-trainable params: ${thousands(model.nonTrainableParams)} (${readableMemorySize(model.nonTrainableParams * BYTES_PER_PARAM)})`);
  return `${lines.join('\n')}\n`;
}

/** Keras' shape text: `(None, 64, 64, 3)`. */
export function formatShape(shape: Shape): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

/** Python's `f"{n:,}"`. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Keras' `readable_memory_size`: divide by 1024 until below 1024, print with two decimals
 * (B, KB, MB, GB, TB, PB). Rounds half to even on the exact value, as Python's format does.
 */
export function readableMemorySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;
  let k = 0;
  while (k < units.length - 1 && bytes / 1024 ** (k + 1) >= 1) k++;
  return `${fixed2(BigInt(Math.round(bytes)), 1024n ** BigInt(k))} ${units[k]}`;
}

function fixed2(numerator: bigint, denominator: bigint): string {
  const scaled = numerator * 100n;
  let q = scaled / denominator;
  const twiceRest = (scaled % denominator) * 2n;
  if (twiceRest > denominator || (twiceRest === denominator && q % 2n === 1n)) q += 1n;
  const s = q.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * Column content widths as rich computes them: Keras asks for widths from POSITIONS summing
 * to the line length; with one space of padding per side and four borders the table is 10
 * wider than allowed, so rich's `ratio_reduce` takes the excess back evenly (Python rounding).
 */
function contentWidths(lineLength: number): number[] {
  const requested: number[] = [];
  let current = 0;
  for (const p of POSITIONS) {
    const w = Math.floor(p * lineLength) - current;
    requested.push(w + 2);
    current += w;
  }
  const excess = requested.reduce((a, b) => a + b, 0) - (lineLength - (POSITIONS.length + 1));
  const reduced = excess > 0 ? ratioReduce(excess, requested) : requested;
  return reduced.map((w) => Math.max(1, w - 2));
}

function ratioReduce(total: number, values: readonly number[]): number[] {
  let remaining = total;
  let ratioLeft = values.length;
  return values.map((v) => {
    const cut = Math.min(v, roundHalfEven(remaining / ratioLeft));
    remaining -= cut;
    ratioLeft -= 1;
    return v - cut;
  });
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function rule(left: string, fill: string, cross: string, right: string, widths: readonly number[]): string {
  return left + widths.map((w) => fill.repeat(w + 2)).join(cross) + right;
}

/** One table row, wrapped over several lines when a cell is wider than its column (as rich does). */
function row(cells: readonly string[], widths: readonly number[], bar: string): string[] {
  const wrapped = cells.map((c, i) => wrap(c, widths[i] ?? 1));
  const height = Math.max(...wrapped.map((w) => w.length));
  const out: string[] = [];
  for (let line = 0; line < height; line++) {
    const parts = wrapped.map((w, i) => {
      const text = w[line] ?? '';
      const width = widths[i] ?? 1;
      return ` ${RIGHT_ALIGNED[i] ? text.padStart(width) : text.padEnd(width)} `;
    });
    out.push(bar + parts.join(bar) + bar);
  }
  return out;
}

/** Greedy word wrap; a word longer than the width is cut into width-sized pieces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (candidate.length <= width) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    let rest = word;
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    current = rest;
  }
  lines.push(current);
  return lines;
}
