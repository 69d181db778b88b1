/** One line of the README's speed table, as `pnpm bench --markdown` prints it. */
export interface SpeedRow {
  name: string;
  median: number;
  min: number;
  max: number;
  /** Median CPU seconds of our runs (every thread), for in-process cases. */
  cpu?: number;
  torch?: { median: number; cpu: number; ratio: number; pairs: [number, number]; cpuRatio: number };
  /** The target and whether it was met, e.g. "≤ 1.5 × PyTorch: MISSED". */
  target?: string;
  /** The 1-minute load average when the case ended. */
  load: number;
}

const s = (x: number): string => (x < 1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(0));

/** The README's speed table (markdown), one row per case, every ratio beside the figures it is made of. */
export function speedTable(rows: readonly SpeedRow[]): string {
  const lines = [
    '| case | ours: median (min–max) | ours: CPU | PyTorch paired: median, CPU | ratio (pairs) | CPU ratio | target | load |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const t = r.torch;
    lines.push(`| \`${r.name}\` | ${s(r.median)} s (${s(r.min)}–${s(r.max)}) | ${r.cpu === undefined ? '—' : `${s(r.cpu)} s`} | `
      + `${t === undefined ? '—' : `${s(t.median)} s, ${s(t.cpu)} s`} | ${t === undefined ? '—' : `${t.ratio.toFixed(2)} (${t.pairs[0].toFixed(2)}–${t.pairs[1].toFixed(2)})`} | `
      + `${t === undefined ? '—' : t.cpuRatio.toFixed(2)} | ${r.target ?? '—'} | ${r.load.toFixed(1)} |`);
  }
  return lines.join('\n');
}
