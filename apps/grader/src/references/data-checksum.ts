import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { REPO_ROOT } from '../lab/paths.js';
import type { DatasetDefinition } from '../lab/types.js';

/** sha256 of a file, streamed (HIGGS files are megabytes; nothing is held whole). */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file a dataset definition names (its `file`, `holdout`, and each file of its `dir`), sorted. */
async function datasetFiles(dataset: DatasetDefinition): Promise<string[]> {
  const abs = (p: string) => (isAbsolute(p) ? p : join(REPO_ROOT, p));
  const files = [dataset.file, dataset.holdout].filter((p): p is string => p !== undefined).map(abs);
  if (dataset.dir !== undefined) {
    const dir = abs(dataset.dir);
    const entries = await readdir(dir, { withFileTypes: true });
    files.push(...entries.filter((e) => e.isFile()).map((e) => join(dir, e.name)));
  }
  return files.sort();
}

const known = new Map<string, Promise<string>>();

/**
 * One checksum of a dataset's bytes: sha256 over each of its files' name and sha256. A reference
 * run trained on other data (a new HIGGS slice, a re-downloaded cat set) then has another cache
 * key. Computed once per process and dataset.
 */
export function datasetChecksum(dataset: DatasetDefinition): Promise<string> {
  const id = JSON.stringify([dataset.file, dataset.holdout, dataset.dir]);
  let sum = known.get(id);
  if (sum === undefined) {
    sum = (async () => {
      const hash = createHash('sha256');
      for (const file of await datasetFiles(dataset)) hash.update(`${file.slice(file.lastIndexOf('/') + 1)}\0${await fileSha256(file)}\n`);
      return hash.digest('hex');
    })();
    known.set(id, sum);
  }
  return sum;
}
