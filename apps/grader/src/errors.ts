import { formatIssue, type ConfigIssue } from '@fitcheck/core/issues';
import { CORE_ERRORS, FitcheckError, isFitcheckError, ownerIn, type ErrorPlace, type Owner } from '@fitcheck/core/errors';
import { DATA_ERRORS } from '@fitcheck/datasets';
import { FINDINGS } from './findings/types.js';
import { loadMessages } from './messages/locale.js';
import { renderText, text, type Text } from './messages/text.js';

/**
 * The grader's own error codes, each with who causes it (core's codes are in `CORE_ERRORS`,
 * datasets' in `DATA_ERRORS`, findings in `FINDINGS`). `ownerOf` reads all four.
 */
export const GRADER_ERRORS = {
  /** The submission cannot be read or validated: nothing to score (exit 2, every item 0). */
  INVALID_SUBMISSION: 'submission',
  /** lab.yaml or rubric.yaml is wrong: refused before any student is graded (exit 2). */
  INVALID_LAB: 'lab',
  /** The TA's overrides file is wrong. */
  INVALID_OVERRIDES: 'lab',
  /** The TA's roster (`batch --roster`) is wrong. */
  INVALID_ROSTER: 'lab',
  // How fitcheck is run: flags, subcommands, folders (exit 2).
  INVALID_FLAG: 'lab',
  /** Nothing says which lab grades a submission (no --lab, no `lab:` key, several labs): the operator's to say. */
  LAB_NOT_CHOSEN: 'lab',
  USAGE: 'lab',
  UNKNOWN_LANG: 'lab',
  INVALID_SHARD: 'lab',
  INVALID_MERGE: 'lab',
  MERGE_INCOMPLETE: 'lab',
  NOT_A_BATCH_OUTPUT: 'lab',
  /** A data file (or download) named on the `fitcheck data` command line is not what it should be. */
  BAD_DATA_FILE: 'lab',
  /** Another batch holds the output folder: the operator's choice of `--out` (exit 2). */
  BATCH_LOCKED: 'lab',
  /**
   * The profile's memory cannot hold a model the lab's budget allows (`limits.modelParams`): the
   * submission is not graded in this profile, and a TA grades it with a larger one.
   */
  PROFILE_TOO_SMALL: 'lab',
  /** `--out` names a file. */
  OUT_NOT_A_FOLDER: 'lab',
  /** A batch's state file in `--out` is torn or was edited by hand. */
  INVALID_BATCH_STATE: 'lab',
  /** `--out` is read-only or not ours to write. */
  OUT_NOT_WRITABLE: 'environment',
  /** The disk under `--out` is full (or over quota). */
  OUT_OF_SPACE: 'environment',
  /** No Chromium to print the PDF with. */
  NO_BROWSER: 'environment',
  /** A training process died (a signal, an exit code) without reaching a budget, or could not start. */
  TRAINING_CRASHED: 'environment',
  /** The grading process itself was killed, or ended without results (`fitcheck batch`). */
  GRADER_CRASHED: 'environment',
  /** The grading process ran past the batch's per-submission time limit. */
  GRADER_TIMEOUT: 'environment',
  /** Training threw an error fitcheck does not expect for a model that passed the static checks. */
  TRAINING_ERROR: 'grader',
  /** A rubric check threw. */
  RUBRIC_CHECK_FAILED: 'grader',
  /** Anything else fitcheck did not expect. */
  INTERNAL_ERROR: 'grader',
  CHART_FAILED: 'grader',
  DUPLICATE_RUN: 'grader',
  MISSING_MESSAGE: 'grader',
} as const satisfies Record<string, Owner>;
export type GraderErrorCode = keyof typeof GRADER_ERRORS;

/**
 * An error the grader raises: its code is one of {@link GRADER_ERRORS}; its message and fix are
 * locale sentences (`words`), said in the reader's language where shown (`errorLine`), or the config
 * issues it reports (a lab's, an overrides file's), each said so too. `message` and `hint` hold the
 * English, for results.json's `extra_data.fault` and the logs.
 */
export class GraderError extends FitcheckError<GraderErrorCode> {
  /** A missing locale key is the one error said in plain English: there is no sentence to say it with. */
  constructor(code: 'MISSING_MESSAGE', said: string);
  constructor(code: GraderErrorCode, said: Text | readonly ConfigIssue[], place?: ErrorPlace, fix?: Text);
  constructor(code: GraderErrorCode, said: Text | string | readonly ConfigIssue[], place: ErrorPlace = {}, fix?: Text) {
    const en = loadMessages('en');
    const issues = Array.isArray(said) ? (said as readonly ConfigIssue[]) : undefined;
    const message = issues ? issues.map(formatIssue).join('\n') : typeof said === 'string' ? said : renderText(en, said as Text);
    const hint = fix && renderText(en, fix);
    const words = {
      ...(typeof said === 'object' && !issues && { message: said as Text }),
      ...(fix && { hint: fix }),
    };
    super(code, message, place, hint, Object.keys(words).length > 0 ? words : undefined, issues);
  }
}

/** Who caused a code of any fitcheck registry; an unknown code is the grader's (it should not exist). */
export function ownerOf(code: string): Owner {
  return ownerIn(FINDINGS, code) ?? ownerIn(GRADER_ERRORS, code) ?? ownerIn(CORE_ERRORS, code) ?? ownerIn(DATA_ERRORS, code) ?? 'grader';
}

/** A fault that stopped a grade, as results.json records it (`extra_data.fault`). */
export interface Fault {
  code: string;
  owner: Owner;
  message: string;
  hint?: string;
}

/** A fault's message and hint as locale texts, for a run to say in its language (`Fault.message` stays English). */
export interface FaultWords {
  message: Text;
  hint?: Text;
}

/**
 * A fault that is not the student's stopped the grade (a training process that crashed, a backend
 * that will not start, data that cannot be read): thrown so that nothing is scored.
 */
export class NotGradedError extends Error {
  override readonly name = 'NotGradedError';
  constructor(
    readonly fault: Fault,
    /** What the CLI prints for it, when the run has put it in its own language. */
    readonly said?: string,
    /** The fault's words in the run's language. */
    readonly words?: FaultWords,
  ) {
    super(fault.message);
  }
}

/** Any thrown value as a fault: a FitcheckError by its code, anything else `INTERNAL_ERROR` (a bug). */
export function faultOf(e: unknown): Fault {
  if (e instanceof NotGradedError) return e.fault;
  if (isFitcheckError(e)) return { code: e.code, owner: ownerOf(e.code), message: e.message, ...(e.hint !== undefined && { hint: e.hint }) };
  return { code: 'INTERNAL_ERROR', owner: 'grader', message: e instanceof Error ? e.message : String(e) };
}

/**
 * A datasets error about a file the user named on the command line (`fitcheck data inspect FILE`,
 * `fitcheck data fetch --sha256 …`): the same message, place and hint, as bad input (`BAD_DATA_FILE`,
 * exit 2). In a grade the same errors are the machine's (`DATA_ERRORS`), since the lab's data files are.
 */
export function asDataInputError(e: unknown): unknown {
  if (!isFitcheckError(e) || ownerIn(DATA_ERRORS, e.code) === undefined) return e;
  const words = e.words;
  if (words?.message) return new GraderError('BAD_DATA_FILE', words.message as Text, e.place, words.hint as Text | undefined);
  // Datasets' own English, said inside a sentence of the reader's language.
  return new GraderError('BAD_DATA_FILE', text('errLab.badDataFile', { problem: e.message }), e.place, e.hint === undefined ? undefined : text('errLab.badDataFileHint', { hint: e.hint }));
}
