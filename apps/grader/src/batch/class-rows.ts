import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchEntry } from './batch-entry.js';
import { ENTRY_FILE, RESULTS_FILE } from './batch-entry.js';
import { compareItemIds, compareNames } from './ordering.js';
import { digestResults } from './results-digest.js';
import type { ItemScore, ResultsDigest } from './results-digest.js';

/** One finished submission: what the batch recorded and what the grader reported. */
export interface ClassRow {
  entry: BatchEntry;
  digest: ResultsDigest;
}

/**
 * Reads every finished student folder of OUT (those with `batch-entry.json`), sorted by key, so
 * that the gradebook is a function of the folders alone: the same whichever order, process or
 * shard graded them.
 */
export async function readClassRows(out: string): Promise<ClassRow[]> {
  const rows: ClassRow[] = [];
  for (const key of await finishedKeys(out)) {
    const dir = join(out, key);
    const entry = JSON.parse(await readFile(join(dir, ENTRY_FILE), 'utf8')) as BatchEntry;
    const results: unknown = JSON.parse(await readFile(join(dir, RESULTS_FILE), 'utf8'));
    rows.push({ entry, digest: digestResults(results) });
  }
  return rows;
}

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
