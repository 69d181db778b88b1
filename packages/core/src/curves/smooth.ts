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
  if (!Number.isFinite(std) || std < 0) {
    throw new FitcheckError('BAD_SMOOTHING', `smoothing std must be a finite number >= 0; got ${std}`);
  }
  const n = values.length;
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
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    let weight = 0;
    // 'same' output i is full-convolution output i + offset: Σ_j v[i + offset − j] · k[j]
    const jFrom = Math.max(0, i + offset - (n - 1));
    const jTo = Math.min(m - 1, i + offset);
    for (let j = jFrom; j <= jTo; j++) {
      const k = kernel[j] as number;
      acc += (values[i + offset - j] as number) * k;
      weight += k;
    }
    out[i] = acc / weight;
  }
  return out;
}

/** numpy's `linspace(start, stop, num)` bit for bit: `start + i·step`, last sample exactly `stop`. */
function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  const xs = Array.from({ length: num }, (_, i) => i * step + start);
  xs[num - 1] = stop;
  return xs;
}
