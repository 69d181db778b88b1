import { createHash } from 'node:crypto';

const MAX_LENGTH = 64;
// Device names Windows refuses as file names, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/;

/**
 * The folder name under OUT for a student id taken from a submission. The id is data, never a
 * path: only `[a-z0-9_-]` survive, at most 64 characters. There is no dot in it, while every
 * name the batch itself writes in OUT has one (`gradebook.csv`, `summary.md`,
 * `batch-manifest.json`, `.fitcheck-batch.lock`, `.work`), so an id can never name a class output
 * (nor `..`). When the id had to change (case, separators, dots, length), an 8-hex-digit SHA-256
 * prefix of the raw id is appended so that two ids which clean to the same text still get
 * different folders, e.g. `../../x` → `x-<hash>`, `gradebook.csv` → `gradebook_csv-<hash>`,
 * `Alice` → `alice-<hash>`, `alice` → `alice`.
 */
export function studentFolderName(id: string): string {
  const cleaned = id
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[_-]+/, '')
    .replace(/[_-]+$/, '')
    .slice(0, MAX_LENGTH);
  const safe = cleaned === '' || RESERVED.test(cleaned) ? `student${cleaned === '' ? '' : `_${cleaned}`}` : cleaned;
  return safe === id ? safe : `${safe}-${shortHash(id)}`;
}

/** The first 8 hex digits of SHA-256: enough to tell a class's ids apart, short enough to read. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}
