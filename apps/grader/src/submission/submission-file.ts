import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextFile } from '@fitcheck/core';
import { MAX_SUBMISSION_BYTES, SUBMISSION_FOLDER } from './place.js';

/**
 * The first of the lab's submission file names present in the folder `root` (a real path), whatever
 * it is: a FIFO or a link with the submission file's name is the student's submission file, refused by {@link readSubmissionFile} with the reason.
 */
export async function firstPresent(root: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    if (await lstat(join(root, name)).then(() => true, () => false)) return name;
  }
  return undefined;
}

/** A file of the submission folder `root`, read only if it is a regular file inside it, of at most 1 MiB (`readTextFile`). */
export function readSubmissionFile(root: string, name: string, shownAs = name): Promise<string> {
  return readTextFile(join(root, name), { root, rootName: SUBMISSION_FOLDER, maxBytes: MAX_SUBMISSION_BYTES, shownAs });
}
