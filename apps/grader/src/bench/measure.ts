/** One benchmark figure, in the JSON shape `pnpm bench --json` prints. */
export interface BenchResult {
  name: string;
  median_s: number;
  min_s: number;
  max_s: number;
  /** Every timed run, in order (paired runs are compared one by one). */
  seconds: number[];
  /**
   * CPU seconds of this process (every thread) per timed run, median — for work done in-process:
   * on a shared machine it barely moves with the load, while wall time can double.
   */
  cpu_s?: number;
  cpuSeconds?: number[];
  /** The load averages when the case ended (this machine is shared). */
  load?: string;
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
  return { name, median_s: median(seconds), min_s: Math.min(...seconds), max_s: Math.max(...seconds), seconds: [...seconds] };
}

/** Run `task` warmup + runs times; report the timed runs' median, min and max in seconds. */
export async function measure(name: string, task: () => Promise<unknown>, options: MeasureOptions): Promise<BenchResult> {
  for (let i = 0; i < options.warmup; i++) await task();
  const now = options.clock ?? (() => performance.now());
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const cpu = process.cpuUsage();
    const start = now();
    await task();
    seconds.push((now() - start) / 1000);
    const used = process.cpuUsage(cpu);
    cpuSeconds.push((used.user + used.system) / 1e6);
    await options.after?.();
  }
  return { ...summarize(name, seconds), cpu_s: median(cpuSeconds), cpuSeconds };
}
