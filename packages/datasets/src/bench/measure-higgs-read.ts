import { performance } from 'node:perf_hooks';
import { FIXTURES } from '../fixtures.js';
import { loadHiggsCsv } from '../higgs/read-higgs-csv.js';

export interface HiggsReadTiming {
  file: string;
  rows: number;
  /** Wall time of each full read (sha256 check + gunzip + parse), in milliseconds. */
  runsMs: number[];
  medianMs: number;
  minMs: number;
}

/**
 * Times "read the whole HIGGS fixture into `[n, 28]` arrays" (`loadHiggsCsv`), `repeats` times
 * after one warm-up read. For `pnpm bench`; tests never assert on time.
 */
export async function measureHiggsRead(file: string = FIXTURES.higgsFirst10000.path, repeats = 7): Promise<HiggsReadTiming> {
  let rows = (await loadHiggsCsv(file)).data.y.length;
  const runsMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    rows = (await loadHiggsCsv(file)).data.y.length;
    runsMs.push(performance.now() - t0);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { file, rows, runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN, minMs: sorted[0] ?? NaN };
}
