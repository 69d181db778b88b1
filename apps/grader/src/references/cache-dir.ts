import { join, resolve } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where reference runs are cached unless `--cache` says: `FITCHECK_CACHE`, else the user's cache
 * folder (`~/.cache/fitcheck/references` on Linux, via env-paths), never inside `--out`, so one
 * cache serves every grade, batch and lab run of the machine.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.FITCHECK_CACHE?.trim();
  if (set !== undefined && set !== '') return resolve(set);
  return join(envPaths('fitcheck', { suffix: '' }).cache, 'references');
}
