import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab/paths.js';
import { BIN } from './cli.js';

/**
 * vitest's globalSetup: the lab's reference runs for the profiles the suite grades with (smoke,
 * check), trained once by the real CLI before any test starts — as `batch` does before a class —
 * so that test files running side by side read them instead of all waiting on one cold cache.
 * Runs already cached (an earlier suite, same fitcheck version and data) are read, not trained.
 * The cache's own behaviour, cold, is tested on fresh folders (`reference-cache.e2e.test.ts`).
 */
export default function fillReferences(): void {
  // vitest.config.ts sets it for this process and every test.
  const cache = process.env.FITCHECK_CACHE;
  if (cache === undefined) throw new Error('FITCHECK_CACHE is not set: run the suite through vitest.config.ts');
  const out = mkdtempSync(join(tmpdir(), 'fitcheck-test-references-run-'));
  try {
    for (const profile of ['smoke', 'check']) {
      execFileSync(process.execPath, [BIN, 'lab', 'run', '--profile', profile, '--out', join(out, profile), '--cache', cache], {
        cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, FITCHECK_THREADS: '1' },
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
