import { parseArgs } from 'node:util';
import { initBackend } from '@fitcheck/core';
import { BENCH_CASES, checkPeaks } from './cases.js';
import { measure } from './measure.js';
import type { BenchResult } from './measure.js';
import { torchReference } from './torch-reference.js';

// `pnpm bench [-- --json] [--runs N] [--only name,…]`: speed lives here, never in tests.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    'no-torch': { type: 'boolean', default: false },
  },
});
const runs = Math.max(3, Number(values.runs));
const only = values.only?.split(',');
const log = (line: string): void => {
  if (!values.json) process.stdout.write(`${line}\n`);
};

const backend = await initBackend();
log(`backend ${backend.name} ${backend.version}, threads ${backend.threads}, fast kernels ${backend.fastKernels}`);
const results: BenchResult[] = [];
/** The speed issue's targets; the Large-vs-PyTorch ratio is checked below. */
const TARGET_S: Record<string, number> = { 'check-reference': 60, 'validate-reference': 1 };
for (const c of BENCH_CASES.filter((b) => only === undefined || only.includes(b.name))) {
  const { run, dispose } = await c.prepare();
  const result = await measure(c.name, run, { runs, warmup: 1 });
  dispose();
  results.push(result);
  const target = TARGET_S[result.name];
  log(`${result.name.padEnd(28)} median ${result.median_s.toFixed(3)} s  (min ${result.min_s.toFixed(3)}, max ${result.max_s.toFixed(3)})` +
    (target === undefined ? '' : `  target ≤ ${target} s: ${result.median_s <= target ? 'met' : 'MISSED'}`));
}

const summary: Record<string, unknown> = { backend: backend.name, threads: backend.threads, results };
if (!values['no-torch'] && (only === undefined || only.includes('higgs-large-epoch'))) {
  const torch = await torchReference(runs);
  if ('skipped' in torch) {
    summary.torch = torch;
    log(`torch-higgs-large-epoch      skipped: ${torch.skipped}`);
  } else {
    results.push(torch);
    const ours = results.find((r) => r.name === 'higgs-large-epoch');
    const ratio = ours === undefined ? null : ours.median_s / torch.median_s;
    summary.ratio_higgs_large_vs_torch = ratio;
    log(`${torch.name.padEnd(28)} median ${torch.median_s.toFixed(3)} s  → ratio ${ratio?.toFixed(2) ?? '?'} (target ≤ 2)`);
  }
}
// Peak resident memory (MiB): of this process, and of the `fitcheck check` children (the 2 GiB target).
summary.peak_rss_mib = Math.round(process.resourceUsage().maxRSS / 1024);
if (checkPeaks.length > 0) summary.check_reference_peak_rss_mib = Math.max(...checkPeaks);
log(`peak RSS: bench process ${String(summary.peak_rss_mib)} MiB` +
  (checkPeaks.length > 0 ? `, fitcheck check ${String(summary.check_reference_peak_rss_mib)} MiB (target ≤ 2048)` : ''));
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
