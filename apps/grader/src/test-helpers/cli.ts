import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
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
  { cwd = REPO_ROOT, nodeArgs = [], baseEnv = process.env, onSpawn }: {
    cwd?: string; nodeArgs?: string[]; baseEnv?: NodeJS.ProcessEnv;
    /** Called with the CLI's process once it is started. */
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], { cwd, env: { ...baseEnv, FITCHECK_THREADS: '1', ...env } });
    onSpawn?.(child);
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

/**
 * The pid of a process whose parent is `parent` and whose command line contains `needle`, once one
 * runs (procfs is polled every 50 ms); undefined when `parent` ends first.
 */
export async function childProcessOf(parent: ChildProcess, needle: string): Promise<number | undefined> {
  while (parent.exitCode === null && parent.signalCode === null) {
    for (const name of await readdir('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const [stat, cmdline] = await Promise.all([readFile(`/proc/${name}/stat`, 'utf8'), readFile(`/proc/${name}/cmdline`, 'utf8')]).catch(() => ['', '']);
      // `pid (comm) state ppid …`: the fields after the last ')' are state, then ppid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent.pid && cmdline.includes(needle)) return Number(name);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}
