import { FitcheckError } from '../errors.js';

/**
 * The lab's Gaussian-like smoothing of a training curve, equal to the notebook's numpy code.
 *
 * With w = 4·std and m = min(2w + 1, n) taps:
 *   `x = linspace(−w, w, m)`, `k = exp(−(x / 5)²)`,
 *   `smooth(v) = convolve(v, k, 'same') / convolve(ones(n), k, 'same')`,
 * numpy's 'same' mode keeping full-convolution outputs (m − 1) div 2 … (m − 1) div 2 + n − 1, so
 * the ends are averaged over the part of the kernel that overlaps the series. The kernel's width
 * is fixed by the 5 (not by std), std only sets its span: the notebook's formula, kept as is.
 *
 * `2·4·std + 1` must be a whole number when it is smaller than n (numpy refuses a fractional
 * sample count). An empty series gives an empty result (numpy would raise).
 */
export function smooth(values: readonly number[], std: number): number[] {
  return windows(values.length, std).map((taps) => {
    let acc = 0;
    let weight = 0;
    for (const [index, k] of taps) {
      acc += (values[index] as number) * k;
      weight += k;
    }
    return acc / weight;
  });
}

/**
 * How much {@link smooth} shrinks white noise at each index: a smoothed value of a series whose
 * points carry independent noise σ has noise `factor[i] · σ`, with `factor = √(Σ k²) / Σ k` over
 * the kernel taps that overlap the series there (fewer at the ends, so the ends are noisier).
 */
export function smoothingNoiseFactors(n: number, std: number): number[] {
  return windows(n, std).map((taps) => {
    let sum = 0;
    let squares = 0;
    for (const [, k] of taps) {
      sum += k;
      squares += k * k;
    }
    return Math.sqrt(squares) / sum;
  });
}

/** For each output index of a series of `n` values, the (input index, kernel weight) pairs it averages. */
function windows(n: number, std: number): [number, number][][] {
  if (!Number.isFinite(std) || std < 0) {
    throw new FitcheckError('BAD_SMOOTHING', `smoothing std must be a finite number >= 0; got ${std}`);
  }
  if (n === 0) return [];
  const width = std * 4;
  const m = Math.min(2 * width + 1, n);
  if (!Number.isInteger(m)) {
    throw new FitcheckError(
      'BAD_SMOOTHING',
      `smoothing std ${std} gives a kernel of ${m} samples; 8·std + 1 must be a whole number`,
      {},
      'use a whole number of epochs (or a multiple of 1/8)',
    );
  }
  const kernel = linspace(-width, width, m).map((x) => {
    const r = x / 5;
    return Math.exp(-(r * r));
  });

  const offset = Math.floor((m - 1) / 2);
  return Array.from({ length: n }, (_, i) => {
    // 'same' output i is full-convolution output i + offset: Σ_j v[i + offset − j] · k[j]
    const jFrom = Math.max(0, i + offset - (n - 1));
    const jTo = Math.min(m - 1, i + offset);
    const taps: [number, number][] = [];
    for (let j = jFrom; j <= jTo; j++) taps.push([i + offset - j, kernel[j] as number]);
    return taps;
  });
}

/** numpy's `linspace(start, stop, num)` bit for bit: `start + i·step`, last sample exactly `stop`. */
function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  const xs = Array.from({ length: num }, (_, i) => i * step + start);
  xs[num - 1] = stop;
  return xs;
}
