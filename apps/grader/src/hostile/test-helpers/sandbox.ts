import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fitcheck, type CliRun } from '../../test-helpers/cli.js';

/** A fresh folder to run the CLI in: its own cwd, TMPDIR and HOME, so any stray write lands here. */
export interface Sandbox {
  root: string;
  out: string;
  env: NodeJS.ProcessEnv;
}

export async function sandbox(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'fitcheck-hostile-'));
  await mkdir(join(root, 'tmp'));
  await mkdir(join(root, 'home'));
  return {
    root,
    out: join(root, 'out'),
    // One wasm thread (as every CLI test); no FITCHECK_DEBUG, so only --debug may write a stack trace.
    // The reference-run cache is the TA's folder (the suite's, from vitest.config.ts), not a write of the student's run.
    env: { PATH: process.env.PATH ?? '', TMPDIR: join(root, 'tmp'), HOME: join(root, 'home'), FITCHECK_THREADS: '1', ...(process.env.FITCHECK_CACHE && { FITCHECK_CACHE: process.env.FITCHECK_CACHE }) },
  };
}

/** `node dist/bin.js …args` in the sandbox's cwd and environment; `nodeArgs` go before the script (e.g. `--import`). */
export function runCli(box: Sandbox, args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return fitcheck(args, env, { cwd: box.root, nodeArgs, baseEnv: box.env });
}

/**
 * Every entry under `dir` (symlinks not followed, FIFOs never opened) as `path → kind:size:sha256`, so two snapshots
 * taken before and after a run differ when anything was written, removed or retargeted.
 */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const walk = async (at: string): Promise<void> => {
    for (const name of (await readdir(at)).sort()) {
      const path = join(at, name);
      const info = await lstat(path);
      const key = relative(dir, path);
      if (info.isSymbolicLink()) entries.set(key, `link:${await readlink(path)}`);
      else if (!info.isFile() && !info.isDirectory()) entries.set(key, info.isFIFO() ? 'fifo' : 'special');
      else if (info.isDirectory()) {
        entries.set(key, 'dir');
        await walk(path);
      } else entries.set(key, `file:${info.size}:${createHash('sha256').update(await readFile(path)).digest('hex')}`);
    }
  };
  await walk(dir);
  return entries;
}

/** A Node stack frame (`    at fn (file:line:col)`) anywhere in `text`. */
export const STACK_FRAME = /^\s+at .*(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;
