import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradescopeResults } from '../results/gradescope.js';
import { submissionFixture } from '../test-helpers/paths.js';
import { NO_NETWORK_PRELOAD } from './test-helpers/no-network-preload.js';
import { runCli, sandbox } from './test-helpers/sandbox.js';

describe('the grade path needs no network', () => {
  it('grades the reference (training children and report included) with every network API made to throw, and calls none', async () => {
    const box = await sandbox();
    const preload = join(box.root, 'no-network.mjs');
    const log = join(box.root, 'network.log');
    await writeFile(preload, NO_NETWORK_PRELOAD);
    await writeFile(log, '');

    const run = await runCli(box, ['grade', submissionFixture('reference'), '--out', box.out, '--profile', 'smoke', '--quiet'], ['--import', preload], { NO_NETWORK_LOG: log });

    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(await readFile(join(box.out, 'results.json'), 'utf8')) as GradescopeResults;
    const trained = results.extra_data.models.filter((m) => m.epochsRun !== null);
    expect(trained.map((m) => m.name)).toEqual(['higgs.giant', 'cats.large', 'cats.regularized']);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    // The guard was live in the CLI and in each training child, and nothing tried to connect.
    expect(lines.filter((l) => l.startsWith('loaded ')).length).toBe(1 + trained.length);
    expect(lines.filter((l) => l.startsWith('attempt '))).toEqual([]);
  });
});
