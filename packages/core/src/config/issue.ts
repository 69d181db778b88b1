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
  /** The source line at the place and a caret under the column (a syntax error): what the parser saw, in every language. */
  excerpt?: string;
}

/** `file:line:col: message (did you mean "x"?)` — the one line a user reads. */
export function formatIssue(issue: ConfigIssue): string {
  const hint = issue.suggestion === undefined ? '' : ` (did you mean "${issue.suggestion}"?)`;
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}${hint}${excerptLines(issue)}`;
}

/** The excerpt under an issue's line, indented (empty when it has none). */
export function excerptLines(issue: ConfigIssue): string {
  return issue.excerpt === undefined ? '' : `\n${issue.excerpt}`;
}

// Long enough for any line a config holds; a minified line is cut around the column.
const EXCERPT_WIDTH = 80;

/**
 * `text`'s line `line` (1-based) and a caret under `column`, each indented and prefixed with the
 * line number as compilers print them; a line longer than the excerpt's width is cut around the column.
 */
export function sourceExcerpt(text: string, line: number, column: number): string | undefined {
  const source = text.split(/\r?\n|\r/)[line - 1];
  if (source === undefined) return undefined;
  const start = Math.max(0, Math.min(column - 1 - EXCERPT_WIDTH / 2, source.length - EXCERPT_WIDTH));
  const shown = `${start > 0 ? '…' : ''}${source.slice(start, start + EXCERPT_WIDTH)}${start + EXCERPT_WIDTH < source.length ? '…' : ''}`;
  const gutter = `  ${line} | `;
  // Tabs kept as tabs, so the caret lands under the character whatever the terminal's tab width.
  const caret = `${start > 0 ? ' ' : ''}${source.slice(start, Math.max(start, column - 1)).replace(/[^\t]/g, ' ')}`;
  return `${gutter}${shown}\n${' '.repeat(gutter.length - 2)}| ${caret}^`;
}
