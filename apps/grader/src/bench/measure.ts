/** One benchmark figure, in the JSON shape `pnpm bench --json` prints. */
export interface BenchResult {
  name: string;
  median_s: number;
  min_s: number;
  max_s: number;
}

export interface MeasureOptions {
  /** Timed runs (at least 3: a median of fewer says little). */
  runs: number;
  /** Untimed runs first: wasm compiles kernels and XNNPACK packs weights on first use. */
  warmup: number;
  /** Untimed work after each timed run (the PyTorch epoch the Large epoch is paired with). */
  after?: () => Promise<unknown>;
  /** Milliseconds now (default `performance.now`): a test gives its own clock, so no test reads the wall clock. */
  clock?: () => number;
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? NaN) + hi) / 2;
}

/** The figure for a list of timings in seconds. */
export function summarize(name: string, seconds: readonly number[]): BenchResult {
  return { name, median_s: median(seconds), min_s: Math.min(...seconds), max_s: Math.max(...seconds) };
}

/** Run `task` warmup + runs times; report the timed runs' median, min and max in seconds. */
export async function measure(name: string, task: () => Promise<unknown>, options: MeasureOptions): Promise<BenchResult> {
  for (let i = 0; i < options.warmup; i++) await task();
  const now = options.clock ?? (() => performance.now());
  const seconds: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = now();
    await task();
    seconds.push((now() - start) / 1000);
    await options.after?.();
  }
  return summarize(name, seconds);
}
