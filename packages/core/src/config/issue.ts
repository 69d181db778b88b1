import type { IssueParams } from './ajv-messages.js';
/**
 * One problem found in a config file, shaped like an ajv error (`keyword`, `instancePath`,
 * `message`) plus where it is in the file, so editors and the CLI can point at it.
 */
export interface ConfigIssue {
  /** ajv keyword (`required`, `enum`, …) or the loader's own: `syntax`, `size`, `alias`, `duplicate`. */
  keyword: string;
  /** JSON pointer to the offending value (`/layers/0/units`); `''` for the whole document. */
  instancePath: string;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The closest valid key or value, for "did you mean". */
  suggestion?: string;
  /** The message's parts as data, when a schema keyword made it (`readableError`): to say it in another language. */
  params?: IssueParams;
}

/** `file:line:col: message (did you mean "x"?)` — the one line a user reads. */
export function formatIssue(issue: ConfigIssue): string {
  const hint = issue.suggestion === undefined ? '' : ` (did you mean "${issue.suggestion}"?)`;
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}${hint}`;
}
