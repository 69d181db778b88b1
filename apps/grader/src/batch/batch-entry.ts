import { IDENTITY_SOURCES, type IdentitySource } from '../submission/identity.js';

/** Files of one student's folder under OUT. */
export const RESULTS_FILE = 'results.json';
/** Written last, inside the folder before it is renamed into place: its presence means "done". */
export const ENTRY_FILE = 'batch-entry.json';
export const LOG_FILE = 'grade.log';
/** Where children write before their folder is renamed into OUT; emptied when a batch starts. */
export const WORK_DIR = '.work';

/** graded = scored (exit 0); invalid = the submission could not be graded (exit 2); error = the grader failed. */
export type SubmissionStatus = 'graded' | 'invalid' | 'error';

/** What the batch knows about one graded submission, beside its `results.json`. */
export interface BatchEntry {
  folder: string;
  key: string;
  /** Who submitted it, as the course says (`identity` names the source); the name falls back to the submission's. */
  studentId: string | null;
  studentName: string | null;
  identity?: IdentitySource;
  /** The id the submission file itself gives, only cross-checked. */
  submittedId?: string | null;
  status: SubmissionStatus;
  exitCode: number | null;
  signal: string | null;
}

/** What `batch-entry.json` must hold: a torn or hand-edited one is refused with its place (see `readBatchState`). */
export const BATCH_ENTRY_SCHEMA = {
  type: 'object',
  required: ['folder', 'key', 'studentId', 'studentName', 'status', 'exitCode', 'signal'],
  properties: {
    folder: { type: 'string' },
    key: { type: 'string' },
    studentId: { type: ['string', 'null'] },
    studentName: { type: ['string', 'null'] },
    identity: { enum: [...IDENTITY_SOURCES] },
    submittedId: { type: ['string', 'null'] },
    status: { enum: ['graded', 'invalid', 'error'] },
    exitCode: { type: ['integer', 'null'] },
    signal: { type: ['string', 'null'] },
  },
} as const;

/** The grade command's exit codes (see `EXIT` in cli/main.ts) as a status. */
export function statusOfExit(exitCode: number | null): SubmissionStatus {
  return exitCode === 0 ? 'graded' : exitCode === 2 ? 'invalid' : 'error';
}
