import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { BatchEntry } from './batch-entry.js';
import { BATCH_ENTRY_SCHEMA, ENTRY_FILE, RESULTS_FILE } from './batch-entry.js';
import { BATCH_STATE_ERROR, readBatchState } from './batch-state.js';
import { compareItemIds, compareNames } from './ordering.js';
import { digestResults } from './results-digest.js';
import type { ItemScore, ResultsDigest } from './results-digest.js';
import { GraderError } from '../errors.js';
import { text } from '../messages/text.js';

/** One finished submission: what the batch recorded and what the grader reported. */
export interface ClassRow {
  entry: BatchEntry;
  digest: ResultsDigest;
}

/**
 * Reads every finished student folder of OUT (those with `batch-entry.json`), sorted by key, so
 * that the gradebook is a function of the folders alone: the same whichever order, process or
 * shard graded them. A torn or hand-edited `batch-entry.json` or `results.json` is
 * `INVALID_BATCH_STATE` naming the file, and how to grade that submission again.
 */
export async function readClassRows(out: string): Promise<ClassRow[]> {
  const rows: ClassRow[] = [];
  for (const key of await finishedKeys(out)) {
    const dir = join(out, key);
    const fix = text('errBatch.gradeAgainFix', { dir });
    const entryFile = join(dir, ENTRY_FILE);
    const entry = await readBatchState<BatchEntry>(entryFile, BATCH_ENTRY_SCHEMA, fix);
    if (entry.key !== key) {
      throw new GraderError(BATCH_STATE_ERROR.invalid, text('errBatch.entryMoved', { named: entry.key, key }), { file: entryFile }, fix);
    }
    const results = await readBatchState<unknown>(join(dir, RESULTS_FILE), RESULTS_SCHEMA, fix);
    rows.push({ entry, digest: digestResults(results) });
  }
  return rows;
}

// results.json may come from a grader that crashed half-way: any object, read defensively by digestResults.
const RESULTS_SCHEMA = { type: 'object' } as const;

/** Student folders of OUT that hold a `batch-entry.json`, by name. */
export async function finishedKeys(out: string): Promise<string[]> {
  const dirs = (await readdir(out, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.'));
  const done = await Promise.all(dirs.map(async (d) => ((await exists(join(out, d.name, ENTRY_FILE))) ? d.name : undefined)));
  return done.filter((k): k is string => k !== undefined).sort(compareNames);
}

/** The rubric items seen across the class, ordered by number ("2" before "10", "2.1" after "2"). */
export function classItems(rows: readonly ClassRow[]): Pick<ItemScore, 'id' | 'name' | 'maxScore'>[] {
  const items = new Map<string, Pick<ItemScore, 'id' | 'name' | 'maxScore'>>();
  for (const { digest } of rows) {
    for (const { id, name, maxScore } of digest.items) if (!items.has(id)) items.set(id, { id, name, maxScore });
  }
  return [...items.values()].sort((a, b) => compareItemIds(a.id, b.id));
}

async function exists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}
