import type { LabeledArrays } from '../types.js';

/** Elements per example: the product of `shape` after the first axis. */
export function rowSize(shape: readonly number[]): number {
  return shape.slice(1).reduce((a, b) => a * b, 1);
}

/** A new LabeledArrays holding the given rows (0-based) of `data`, in the given order. */
export function takeRows(data: LabeledArrays, rows: ArrayLike<number>): LabeledArrays {
  const size = rowSize(data.shape);
  const x = new Float32Array(rows.length * size);
  const y = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    x.set(data.x.subarray(r * size, (r + 1) * size), i * size);
    y[i] = data.y[r]!;
  }
  return { x, y, shape: [rows.length, ...data.shape.slice(1)] };
}
