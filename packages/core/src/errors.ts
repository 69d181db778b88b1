/**
 * Every error fitcheck raises on purpose carries a stable `code`, so that the CLI maps it to an
 * exit code and a readable message, and the grader can turn it into a score instead of a crash.
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

export class FitcheckError extends Error {
  override readonly name: string = 'FitcheckError';
  constructor(
    /** Stable, SCREAMING_SNAKE code: part of the public contract. */
    readonly code: string,
    message: string,
    readonly place: ErrorPlace = {},
    /** How to fix it, one sentence. */
    readonly hint?: string,
  ) {
    super(message);
  }

  /** `file:line:col: message (hint)` — the one line a user sees. */
  describe(): string {
    const { file, line, column, row, key } = this.place;
    let where = file ?? '';
    if (line !== undefined) where += `:${line}${column !== undefined ? `:${column}` : ''}`;
    if (row !== undefined) where += `${where ? ' ' : ''}row ${row}`;
    if (key !== undefined) where += `${where ? ' ' : ''}[${key}]`;
    const head = where ? `${where}: ` : '';
    return `${head}${this.message}${this.hint ? `\n  fix: ${this.hint}` : ''}`;
  }
}

export function isFitcheckError(e: unknown): e is FitcheckError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'place' in e;
}
