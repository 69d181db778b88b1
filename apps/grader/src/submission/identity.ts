import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/types.js';
import { text } from '../messages/text.js';
import type { Submission } from './types.js';

/**
 * Where a student's identity came from: Gradescope's metadata (`submission_metadata.json`, or the
 * export's `submission_metadata.yml`), the TA's roster, the name of the student's folder, or — when
 * nothing else names the student (`fitcheck grade` of one folder) — the submission's own `student:`.
 */
export const IDENTITY_SOURCES = ['gradescope', 'roster', 'folder', 'submission'] as const;
export type IdentitySource = (typeof IDENTITY_SOURCES)[number];

/** Who a submission belongs to, as the course (not the student's file) says. */
export interface StudentIdentity {
  id: string;
  name: string | null;
  source: IdentitySource;
  /** The student id the course knows (a roster's id, Gradescope's `sid`): what a student writes as `student.id`. */
  sid?: string;
  /** The student's e-mail, when the source gives one (Gradescope does). */
  email?: string;
}

/** The identity of a submission that nothing else names: its own `student:` (the only source `grade DIR` has). */
export function declaredIdentity(submission: Pick<Submission, 'student'>): StudentIdentity {
  return { id: String(submission.student.id), name: submission.student.name, source: 'submission' };
}

/**
 * The submission's own `student.id` (or `email`) checked against who the course says submitted it:
 * the id against the course's student id (`sid`), the e-mail against its e-mail. A disagreement is
 * `STUDENT_ID_MISMATCH`: a note for the TA (a placeholder id left in, a typo, a copied file),
 * attached to no item, so it costs no points; the course's identity stands. A folder's name is no
 * student id: with nothing to compare, nothing is said.
 */
export function identityFinding(identity: StudentIdentity, student: Submission['student'] | undefined): Finding | undefined {
  if (identity.source === 'submission' || student === undefined) return undefined;
  const source = text(`identity.${identity.source}`);
  const declared = String(student.id ?? '').trim();
  if (identity.sid !== undefined && declared !== '' && declared !== identity.sid.trim()) {
    return finding('STUDENT_ID_MISMATCH', 'warning', { declared, id: identity.sid, source });
  }
  const email = student.email?.trim().toLowerCase();
  if (identity.sid === undefined && identity.email !== undefined && email !== undefined && email !== '' && email !== identity.email.trim().toLowerCase()) {
    return finding('STUDENT_ID_MISMATCH', 'warning', { declared: email, id: identity.email, source });
  }
  return undefined;
}
