import { readFile } from 'node:fs/promises';
import { stringify } from 'safe-stable-stringify';
import type { TrainingFacts } from '../checks/facts.js';
import { writeFileAtomic } from '../out/write-out.js';
import { sha256, type ReferenceKey } from './reference-key.js';

/** One lab model's run at one key, as the cache keeps it and the report draws it. */
export interface ReferenceRun {
  model: string;
  training: TrainingFacts;
  /** Raw outputs on the test set (a cat model), for the lab run's classification reports. */
  testOutputs?: { outputs: number[]; labels: number[]; classes: string[] };
}

const FORMAT = 'fitcheck-reference/1';

/** A cache file: the key it answers, the run, and the run's own checksum. */
interface EntryFile {
  format: typeof FORMAT;
  hash: string;
  key: ReferenceKey;
  /** sha256 of the run's canonical JSON: a file torn, truncated or edited by hand does not match. */
  digest: string;
  run: ReferenceRun;
}

export type EntryRead = { run: ReferenceRun } | { corrupt: string } | { missing: true };

/**
 * Reads the cache file for `hash`. Missing is `missing`; a file that is not this format, answers
 * another key, or whose run does not match its digest (torn, truncated, edited) is `corrupt`, with
 * why, so the caller trains the run again and replaces it. Never throws for a bad file.
 */
export async function readEntry(file: string, hash: string): Promise<EntryRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    throw e;
  }
  let entry: Partial<EntryFile>;
  try {
    entry = JSON.parse(text) as Partial<EntryFile>;
  } catch (e) {
    return { corrupt: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (entry === null || typeof entry !== 'object' || entry.format !== FORMAT) return { corrupt: `not a ${FORMAT} file` };
  if (entry.hash !== hash) return { corrupt: `it answers key ${String(entry.hash)}, not ${hash}` };
  const run = entry.run;
  if (run === undefined || sha256(stringify(run)) !== entry.digest) return { corrupt: 'its run does not match its digest (torn or edited)' };
  if (!Array.isArray(run.training?.history?.history?.val_binary_crossentropy)) return { corrupt: 'its run has no history' };
  return { run };
}

/** Writes the entry whole or not at all (temp file, fsync, rename): a reader never sees half of it. */
export async function writeEntry(file: string, hash: string, key: ReferenceKey, run: ReferenceRun): Promise<void> {
  const entry: EntryFile = { format: FORMAT, hash, key, digest: sha256(stringify(run)), run };
  await writeFileAtomic(file, `${JSON.stringify(entry)}\n`);
}
