import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../lab/paths.js';
import type { GradescopeResults } from '../results/gradescope.js';

/** The built CLI, as `pnpm fitcheck` runs it. */
export const BIN: string = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/bin.js ...args` from the repository root. One wasm thread: test files run side
 * by side on few cores, and one thread gives the same numbers.
 */
export function fitcheck(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  { cwd = REPO_ROOT, nodeArgs = [], baseEnv = process.env }: { cwd?: string; nodeArgs?: string[]; baseEnv?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], { cwd, env: { ...baseEnv, FITCHECK_THREADS: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function readResults(out: string): Promise<GradescopeResults> {
  return JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as GradescopeResults;
}
