import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfigText } from '@fitcheck/core';
import { firstPresent, readSubmissionFile } from '../submission/submission-file.js';
import { compareNames } from './ordering.js';
import { shortHash, studentFolderName } from './student-folder.js';

/** One submission folder of ROOT and where its results go. */
export interface SubmissionEntry {
  /** The folder's name in ROOT: what shards hash and what the batch reports. */
  folder: string;
  dir: string;
  /** `student.id` / `student.name` of the submission file, when it has them. */
  studentId?: string;
  studentName?: string;
  /** The folder under OUT: a sanitized id, never a path from the submission. */
  key: string;
}

// Only the identity is read here, so a submission whose models are broken still gets its own
// folder under its student's id; the grader validates the whole file.
const IDENTITY_SCHEMA = { type: 'object' } as const;

/**
 * Lists ROOT's submission folders (hidden ones skipped), sorted by name, with each one's output
 * folder. The key is the sanitized student id, or the folder name when the submission names no
 * student; when two submissions claim one key, each gets its folder's hash appended, so keys
 * depend on the whole class, never on which shard or order grades it.
 */
export async function discoverSubmissions(root: string, submissionFiles: readonly string[]): Promise<SubmissionEntry[]> {
  const folders = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort(compareNames);
  const found = await Promise.all(folders.map(async (folder) => {
    const dir = join(root, folder);
    const student = await readStudent(dir, submissionFiles);
    return { folder, dir, ...student, key: studentFolderName(student.studentId ?? folder) };
  }));
  const claims = new Map<string, number>();
  for (const s of found) claims.set(s.key, (claims.get(s.key) ?? 0) + 1);
  return found.map((s) => ((claims.get(s.key) ?? 0) > 1 ? { ...s, key: `${s.key}~${shortHash(s.folder)}` } : s));
}

/**
 * The student's id and name from the submission file, read exactly as `grade` reads it (a regular
 * file inside the folder, at most 1 MiB): a `lab5.yaml` that is a FIFO or links to /dev/stdin,
 * /dev/zero or another student's file names nobody, and the grader says why.
 */
async function readStudent(dir: string, files: readonly string[]): Promise<{ studentId?: string; studentName?: string }> {
  let text: string;
  let name: string | undefined;
  try {
    const root = await realpath(dir);
    name = await firstPresent(root, files);
    if (name === undefined) return {};
    text = await readSubmissionFile(root, name);
  } catch {
    return {};
  }
  const student = (loadConfigText(text, join(dir, name), IDENTITY_SCHEMA).value as { student?: unknown } | undefined)?.student;
  if (student === null || typeof student !== 'object') return {};
  const { id, name: studentName } = student as { id?: unknown; name?: unknown };
  // An unquoted YAML id (`id: 20240107`) parses as a number; it is still the student's id.
  const idText = typeof id === 'string' || typeof id === 'number' ? String(id).trim() : '';
  return {
    ...(idText !== '' && { studentId: idText }),
    ...(typeof studentName === 'string' && { studentName }),
  };
}
