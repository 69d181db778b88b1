/**
 * The epoch-to-epoch noise of a learning curve: the standard deviation σ of what wobbles around
 * its trend, estimated from second differences, which cancel any locally linear trend:
 *
 *   `d_i = v_i − 2·v_{i+1} + v_{i+2}`, `Var(d) = 6σ²` for independent noise, so
 *   `σ̂ = 1.4826 · median(|d|) / √6`
 *
 * (the median absolute value, scaled to a normal σ, so the few large `d` where the curve bends —
 * the first epochs — do not inflate it). NaN for fewer than 3 values.
 */
export function curveNoise(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return Number.NaN;
  const d: number[] = [];
  for (let i = 0; i + 2 < n; i++) d.push(Math.abs((values[i] as number) - 2 * (values[i + 1] as number) + (values[i + 2] as number)));
  return (1.4826 * median(d)) / Math.sqrt(6);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
