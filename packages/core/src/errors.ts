import type { ConfigIssue } from './config/issue.js';

/**
 * Every error fitcheck raises on purpose carries a stable `code`, so that the CLI maps it to an
 * exit code and a readable message, and the grader can turn it into a score instead of a crash.
 * Each package keeps its codes in one `as const` registry that says, for each code, who caused it.
 */
export interface ErrorPlace {
  /** File the problem is in, as the user named it. */
  file?: string;
  line?: number;
  column?: number;
  /** Row (1-based) of a data file, or a JSON pointer / HDF5 key. */
  row?: number;
  key?: string;
}

/**
 * Who caused a fault, and so who pays for it:
 * - `submission`: the student's work (a model that does not fit, a bad threshold); the only owner whose
 *   faults cost points.
 * - `lab`: the grading setup — the instructor's lab.yaml and rubric.yaml, the TA's overrides file, the
 *   flags and folders fitcheck is run with. Bad input: fitcheck stops before grading (exit 2).
 * - `grader`: fitcheck's own bug. The grade could not be computed (exit 1).
 * - `environment`: the machine — a backend that will not start, damaged or missing data files, a
 *   process killed from outside, a full disk. The grade could not be computed (exit 1); re-run.
 */
export const OWNERS = ['submission', 'lab', 'grader', 'environment'] as const;
export type Owner = (typeof OWNERS)[number];

/** Core's codes and who causes them when the grader meets them. */
export const CORE_ERRORS = {
  /** A model spec whose layer shapes do not connect. */
  SHAPE_MISMATCH: 'submission',
  /** A parameter or FLOP count past 2^53. */
  MODEL_TOO_LARGE: 'submission',
  /** A model spec file that cannot be read as one. */
  INVALID_MODEL_SPEC: 'submission',
  /** Two layers of one model with the same name (Keras refuses them too). */
  DUPLICATE_LAYER_NAME: 'submission',
  /** Loss or metrics stopped being finite during training. */
  TRAINING_DIVERGED: 'submission',
  /** The TF.js backend asked for cannot start here (tfjs-node not installed, wasm failing, a worker gone). */
  BACKEND_UNAVAILABLE: 'environment',
  /** A FITCHECK_* variable with a value fitcheck cannot use. */
  INVALID_ENVIRONMENT: 'environment',
  // A file fitcheck reads from a folder it was handed (`readTextFile`): a submission's, a class's.
  FILE_NOT_FOUND: 'submission',
  FILE_NOT_REGULAR: 'submission',
  FILE_OUTSIDE_FOLDER: 'submission',
  FILE_TOO_LARGE: 'submission',
  FILE_NOT_TEXT: 'submission',
  FILE_UNREADABLE: 'submission',
  // Arguments core refuses: its caller (fitcheck's own code) passed them.
  BAD_CALLBACK: 'grader',
  BAD_DATA_SHAPE: 'grader',
  BAD_METRIC_INPUT: 'grader',
  BAD_METRIC_OPTION: 'grader',
  BAD_SCHEDULE: 'grader',
  BAD_OPTIMIZER: 'grader',
  BAD_SMOOTHING: 'grader',
} as const satisfies Record<string, Owner>;
export type CoreErrorCode = keyof typeof CORE_ERRORS;

/** A sentence as data: a key of the grader's locales and its placeholders' values. */
export interface Sentence {
  key: string;
  params?: Readonly<Record<string, unknown>>;
}

/** An error's message and fix as sentences, said in the reader's language where they are shown. */
export interface ErrorWords {
  /** None when the error reports config issues: each issue is said on its own. */
  message?: Sentence;
  hint?: Sentence;
}

/**
 * An error with a stable code from a registry. `Code` defaults to core's codes; another package
 * fixes it to its own registry in a subclass (`class DataError extends FitcheckError<DataErrorCode>`),
 * so `new FitcheckError('TYPO', …)` does not compile anywhere.
 */
export class FitcheckError<Code extends string = CoreErrorCode> extends Error {
  override readonly name: string = 'FitcheckError';
  constructor(
    /** Stable, SCREAMING_SNAKE code: part of the public contract. */
    readonly code: NoInfer<Code>,
    message: string,
    readonly place: ErrorPlace = {},
    /** How to fix it, one sentence. */
    readonly hint?: string,
    /** The message and hint as sentences of the grader's locales, for a reader of another language (`message` and `hint` are their English). */
    readonly words?: ErrorWords,
    /** The config file's issues it reports (`message` is their English lines), for each to be said in the reader's language. */
    readonly issues?: readonly ConfigIssue[],
  ) {
    super(message);
  }

  /** `file:line:col: message (hint)` — the one line a user sees; `fixLabel` names the hint in the reader's language. */
  describe(fixLabel = 'fix'): string {
    const { file, line, column, row, key } = this.place;
    let where = file ?? '';
    if (line !== undefined) where += `:${line}${column !== undefined ? `:${column}` : ''}`;
    if (row !== undefined) where += `${where ? ' ' : ''}row ${row}`;
    if (key !== undefined) where += `${where ? ' ' : ''}[${key}]`;
    const head = where ? `${where}: ` : '';
    return `${head}${this.message}${this.hint ? `\n  ${fixLabel}: ${this.hint}` : ''}`;
  }
}

/** Any package's FitcheckError: its code is a string until a registry says whose it is. */
export function isFitcheckError(e: unknown): e is FitcheckError<string> {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'place' in e;
}

/** The owner a registry gives `code`, or undefined when the registry lacks it. */
export function ownerIn(registry: Readonly<Record<string, Owner>>, code: string): Owner | undefined {
  return Object.hasOwn(registry, code) ? registry[code] : undefined;
}
