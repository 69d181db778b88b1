import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FitcheckError } from '@fitcheck/core';
import { writeFileAtomic } from '../out/write-out.js';
import type { Shard } from './shard.js';

export const MANIFEST_FILE = 'batch-manifest.json';

/** What one batch run was asked to grade, so `merge` can tell a missing shard from an empty one. */
export interface BatchManifest {
  shard: Shard | null;
  /** Keys of the submissions of this shard (all of ROOT when unsharded), sorted. */
  keys: string[];
}

export async function writeManifest(out: string, manifest: BatchManifest): Promise<void> {
  await writeFileAtomic(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readManifest(out: string): Promise<BatchManifest> {
  const file = join(out, MANIFEST_FILE);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as BatchManifest;
  } catch (e) {
    throw new FitcheckError('NOT_A_BATCH_OUTPUT', `cannot read ${MANIFEST_FILE}: ${e instanceof Error ? e.message : String(e)}`, { file },
      'pass folders written by `fitcheck batch --out`');
  }
}
