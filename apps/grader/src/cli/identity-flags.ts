import { text } from '../messages/text.js';
import { FlagError } from './flag-error.js';
import { IDENTITY_SOURCES, type IdentitySource, type StudentIdentity } from '../submission/identity.js';

/** The identity flags of `fitcheck grade`, as citty parses them. */
export interface IdentityFlags {
  'student-id'?: string;
  'student-name'?: string;
  'student-sid'?: string;
  'student-email'?: string;
  identity?: string;
}

const GIVEN: readonly IdentitySource[] = IDENTITY_SOURCES.filter((s) => s !== 'submission');

/**
 * `{ student }` from `--student-id` and its companions (what `batch` and `gradescope run` pass a
 * grading child, `identityArgs`), or nothing when no `--student-id` is given: then the
 * submission's own `student:` names the student. A roster's id is a student id, so it is what the
 * submission's `student.id` is checked against unless `--student-sid` says otherwise.
 */
export function identityFlag(flags: IdentityFlags): { student?: StudentIdentity } {
  const id = flags['student-id']?.trim();
  const companions = (['student-name', 'student-sid', 'student-email', 'identity'] as const).filter((f) => flags[f] !== undefined);
  if (id === undefined || id === '') {
    if (companions.length > 0 || id === '') throw new FlagError('USAGE', text('cli.usageNeedsStudentId', { flag: companions[0] ?? 'student-id' }), text('cli.usageGiveStudentId'));
    return {};
  }
  const source = flags.identity ?? 'roster';
  if (!(GIVEN as readonly string[]).includes(source)) throw new FlagError('INVALID_FLAG', text('cli.usageUnknownIdentity', { value: source }), text('cli.usageOneOf', { values: GIVEN.join(', ') }));
  const sid = flags['student-sid'] ?? (source === 'roster' ? id : undefined);
  return {
    student: {
      id, name: flags['student-name'] ?? null, source: source as IdentitySource,
      ...(sid !== undefined && { sid }),
      ...(flags['student-email'] !== undefined && { email: flags['student-email'] }),
    },
  };
}
