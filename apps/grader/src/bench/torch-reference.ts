import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES } from '@fitcheck/datasets';
import type { BenchResult } from './measure.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(FIXTURES.root, 'bench', 'torch_reference.py');

/**
 * The same Large epoch in PyTorch (`bench/torch_reference.py`), or the reason it did not run:
 * PyTorch is optional (Debian `apt-get install python3-torch`).
 */
export async function torchReference(runs: number): Promise<BenchResult | { skipped: string }> {
  try {
    await run(PYTHON, ['-c', 'import torch']);
  } catch {
    return { skipped: `${PYTHON} cannot import torch (apt-get install python3-torch)` };
  }
  const { stdout } = await run(PYTHON, [SCRIPT, '--json', '--runs', String(runs)], { maxBuffer: 1 << 20 });
  const parsed = JSON.parse(stdout) as { results: BenchResult[] };
  const result = parsed.results.find((r) => r.name === 'torch-higgs-large-epoch');
  if (result === undefined) throw new Error(`${SCRIPT} printed no torch-higgs-large-epoch`);
  return result;
}
