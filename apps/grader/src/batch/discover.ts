import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigText } from '@fitcheck/core';
import { METADATA_FILE, readExportMetadata, readSubmissionMetadata } from '../gradescope/metadata.js';
import type { LabDefinition } from '../lab/types.js';
import { findSubmissionFile } from '../submission/find-submission.js';
import type { StudentIdentity } from '../submission/identity.js';
import { readSubmissionFile } from '../submission/submission-file.js';
import { compareNames } from './ordering.js';
import { shortHash, studentFolderName } from './student-folder.js';

/** One submission folder of ROOT and where its results go. */
export interface SubmissionEntry {
  /** The folder's name in ROOT: what shards hash and what the batch reports. */
  folder: string;
  dir: string;
  /** Who submitted it, as the course says: the roster, Gradescope's metadata, else the folder's name. */
  identity: StudentIdentity;
  /** `student.id` / `student.name` of the submission file, when it has them: shown and cross-checked, never the identity. */
  submittedId?: string;
  submittedName?: string;
  /** The folder under OUT: the identity's id, sanitized — never a path from the submission. */
  key: string;
}

export interface DiscoverOptions {
  /** Where the submission file lies in a student's folder (default: the lab's names at any depth). */
  glob?: string;
  /** The TA's roster by login (`--roster`): a folder named by a login is that student. */
  roster?: Map<string, StudentIdentity>;
}

// Only the identity is read here, so a submission whose models are broken still shows who it
// claims to be; the grader validates the whole file.
const IDENTITY_SCHEMA = { type: 'object' } as const;

/**
 * Lists ROOT's student folders (hidden ones skipped), sorted by name, with who each one is and
 * where its results go. The identity is the course's, never the submission's: the roster's row
 * for the folder's name, else Gradescope's metadata (the export's `submission_metadata.yml`, or a
 * `submission_metadata.json` in the folder), else the folder's name. The key is that identity's
 * id, sanitized; when two folders claim one key, each gets its folder's hash appended, so keys
 * depend on the whole class, never on which shard or order grades it.
 */
export async function discoverSubmissions(root: string, lab: LabDefinition, options: DiscoverOptions = {}): Promise<SubmissionEntry[]> {
  const folders = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort(compareNames);
  const exported = await readExportMetadata(root);
  const found = await Promise.all(folders.map(async (folder) => {
    const dir = join(root, folder);
    const identity = options.roster?.get(folder) ?? exported.get(folder) ?? (await readSubmissionMetadata(join(dir, METADATA_FILE))).identity
      ?? { id: folder, name: null, source: 'folder' as const };
    const submitted = await readStudent(dir, lab, options.glob);
    return { folder, dir, identity, ...submitted, key: studentFolderName(identity.id) };
  }));
  const claims = new Map<string, number>();
  for (const s of found) claims.set(s.key, (claims.get(s.key) ?? 0) + 1);
  return found.map((s) => ((claims.get(s.key) ?? 0) > 1 ? { ...s, key: `${s.key}~${shortHash(s.folder)}` } : s));
}

/**
 * The student's id and name as the submission file gives them, found and read exactly as `grade`
 * finds and reads it (anywhere under the folder; a regular file inside it, at most 1 MiB): a
 * submission file that is a FIFO or links to /dev/stdin, /dev/zero or another student's file says
 * nothing, and the grader says why.
 */
async function readStudent(dir: string, lab: LabDefinition, glob: string | undefined): Promise<{ submittedId?: string; submittedName?: string }> {
  let text: string;
  let name: string;
  try {
    const root = await realpath(dir);
    const search = await findSubmissionFile(root, lab.submission.files, glob === undefined ? {} : { glob });
    if (search.found === undefined) return {};
    name = search.found;
    text = await readSubmissionFile(root, name);
  } catch {
    return {};
  }
  const student = (loadConfigText(text, join(dir, name), IDENTITY_SCHEMA).value as { student?: unknown } | undefined)?.student;
  if (student === null || typeof student !== 'object') return {};
  const { id, name: studentName } = student as { id?: unknown; name?: unknown };
  // An unquoted YAML id (`id: 20240107`) parses as a number; it is still the id written.
  const idText = typeof id === 'string' || typeof id === 'number' ? String(id).trim() : '';
  return {
    ...(idText !== '' && { submittedId: idText }),
    ...(typeof studentName === 'string' && { submittedName: studentName }),
  };
}
