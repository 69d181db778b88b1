import { isFitcheckError, loadConfigText, readTextFile, type ConfigIssue } from '@fitcheck/core';
import type { StudentIdentity } from '../submission/identity.js';

/** Gradescope writes it beside the submission; its `previous_submissions` make it grow with every attempt. */
export const METADATA_FILE = 'submission_metadata.json';
/** The class export's index of submissions (`submission_<id>/` folders), from Gradescope's "Export Submissions". */
export const EXPORT_METADATA_FILE = 'submission_metadata.yml';
const MAX_METADATA_BYTES = 32 * 1024 * 1024;

/** One submitter as Gradescope lists it (`users[]` of the JSON, `:submitters:` of the export, with or without the colons). */
interface Submitter {
  name?: unknown;
  email?: unknown;
  sid?: unknown;
  id?: unknown;
}

/**
 * Who submitted, from Gradescope's `submission_metadata.json` (`users[]`: `name`, `email`, `id`,
 * and `sid`, the student id of the course roster, when the course has one): the id is the `sid`,
 * else the e-mail, else Gradescope's user number; a group submission names every member
 * (`a+b`). Undefined when the file is missing or names nobody; a file Gradescope wrote wrong is
 * not the student's fault, so that too falls back to what the submission says, with a reason.
 */
export async function readSubmissionMetadata(file: string): Promise<{ identity?: StudentIdentity; problem?: ConfigIssue }> {
  // The problem is an issue with its parts (`params.code`), so the autograder says it in the lab's language.
  const problem = (keyword: string, message: string, params?: Record<string, string>): { problem: ConfigIssue } => ({
    problem: { keyword, instancePath: '', message, file, line: 1, column: 1, ...(params && { params }) },
  });
  let text: string;
  try {
    text = await readTextFile(file, { maxBytes: MAX_METADATA_BYTES });
  } catch (e) {
    return problem('read', e instanceof Error ? e.message : String(e), isFitcheckError(e) ? { code: e.code, name: file } : undefined);
  }
  const { value, errors } = loadConfigText(text, file, { type: 'object' }, { format: 'json' });
  if (errors.length > 0) return { problem: errors[0]! };
  const users = (value as { users?: unknown }).users;
  const identity = Array.isArray(users) ? identityOf(users as Submitter[]) : undefined;
  return identity ? { identity } : problem('metadata', 'names no user', { code: 'NO_USER' });
}

/**
 * The identities of a Gradescope class export (`submission_metadata.yml` at its root, one key per
 * `submission_<id>` folder, with `:submitters:`), by folder name. Empty when the folder has none.
 */
export async function readExportMetadata(root: string): Promise<Map<string, StudentIdentity>> {
  const file = `${root}/${EXPORT_METADATA_FILE}`;
  let text: string;
  try {
    text = await readTextFile(file, { maxBytes: MAX_METADATA_BYTES });
  } catch {
    return new Map();
  }
  const { value } = loadConfigText(text, file, { type: 'object' }, { format: 'yaml' });
  const identities = new Map<string, StudentIdentity>();
  for (const [folder, entry] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const submitters = field(entry, 'submitters');
    const identity = Array.isArray(submitters) ? identityOf(submitters as Submitter[]) : undefined;
    if (identity) identities.set(folder.replace(/^:/, ''), identity);
  }
  return identities;
}

/** A Ruby symbol key (`:name`) or a plain one (`name`), as Gradescope's export writes either. */
function field(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  return record[`:${name}`] ?? record[name];
}

function identityOf(submitters: Submitter[]): StudentIdentity | undefined {
  const people = submitters.map((s) => {
    const text = (key: string): string | undefined => {
      const v = field(s, key);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
    };
    const sid = text('sid');
    const email = text('email');
    const id = sid ?? email ?? (text('id') === undefined ? undefined : `gradescope-${text('id')}`);
    return id === undefined ? undefined : { id, sid, email, name: text('name') };
  }).filter((p) => p !== undefined);
  if (people.length === 0) return undefined;
  const [first] = people;
  const names = people.map((p) => p.name).filter((n) => n !== undefined);
  return {
    id: people.map((p) => p.id).join('+'),
    name: names.length > 0 ? names.join(' & ') : null,
    source: 'gradescope',
    // What one student would write as their own id and e-mail; a group's members write theirs.
    ...(people.length === 1 && first!.sid !== undefined && { sid: first!.sid }),
    ...(people.length === 1 && first!.email !== undefined && { email: first!.email }),
  };
}
