/**
 * The shape contract between datasets and core's training loop: plain typed arrays, no TF.js.
 * `shape` is the shape of `x` (`[n, 28]`, `[n, 64, 64, 3]` or `[n, 12288]`); `y` holds n 0/1 labels.
 */
export interface LabeledArrays {
  x: Float32Array;
  y: Float32Array;
  shape: number[];
}

/** 1-based, inclusive row range of a data file: `[1, 1000]` is its first thousand rows. */
export type RowRange = [first: number, last: number];
