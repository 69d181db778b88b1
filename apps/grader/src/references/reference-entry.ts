import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** A cache file's name: `<lab>.<model>.<sha256 of the key>.json`. */
export function entryName(lab: string, model: string, hash: string): string {
  return `${lab}.${model}.${hash}.json`;
}

/**
 * The sound entries of a cache folder (corrupt ones left out) with their keys: what a TA ships
 * into an autograder or a CI cache, filtered by lab and profile.
 */
export async function listEntries(cache: string): Promise<{ file: string; name: string; key: ReferenceKey }[]> {
  const names = (await readdir(cache).catch(() => [] as string[])).filter((n) => /\.[0-9a-f]{64}\.json$/.test(n)).sort();
  const out: { file: string; name: string; key: ReferenceKey }[] = [];
  for (const name of names) {
    const file = join(cache, name);
    const hash = name.slice(-'.json'.length - 64, -'.json'.length);
    const read = await readEntry(file, hash);
    if ('run' in read) out.push({ file, name, key: (JSON.parse(await readFile(file, 'utf8')) as EntryFile).key });
  }
  return out;
}
