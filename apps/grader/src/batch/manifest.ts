import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../out/write-out.js';
import { readBatchState } from './batch-state.js';
import type { Shard } from './shard.js';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

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

const MANIFEST_SCHEMA = {
  type: 'object',
  required: ['shard', 'keys'],
  properties: {
    shard: {
      oneOf: [
        { type: 'null' },
        { type: 'object', required: ['index', 'count'], properties: { index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 } } },
      ],
    },
    keys: { type: 'array', items: { type: 'string' } },
  },
} as const;

/**
 * The manifest of a batch output folder. A folder without one is `NOT_A_BATCH_OUTPUT`; a torn or
 * hand-edited one (`keys` not a list…) is `INVALID_BATCH_STATE` with the file, the place and the fix.
 */
export async function readManifest(out: string): Promise<BatchManifest> {
  const file = join(out, MANIFEST_FILE);
  if (!(await access(file).then(() => true, () => false))) {
    throw new GraderError('NOT_A_BATCH_OUTPUT', text('errBatch.noManifest', { file: MANIFEST_FILE, out }), { file }, text('errBatch.noManifestFix'));
  }
  return readBatchState<BatchManifest>(file, MANIFEST_SCHEMA, text('errBatch.manifestFix'));
}
