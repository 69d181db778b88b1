import { FILE_ERROR, readIssue, type ErrorPlace, type FitcheckError } from '@fitcheck/core';
import { issueLine } from './issue-line.js';
import { langOf, translate, type Messages } from './locale.js';
import { renderText, type Text } from './text.js';

const FILE_CODES: ReadonlySet<string> = new Set(Object.values(FILE_ERROR));

/**
 * An error as the reader of `messages` is told it: `place: message`, then `fix: hint`, all in their
 * language. A file fitcheck could not read (`readTextFile`'s {@link FILE_ERROR} codes) is said as the
 * submission's own read issues are (`issue.code.<code>`); an error that reports config issues (a lab's
 * rubric.yaml, an overrides file) says each; one with `words` says them. Only an error without words
 * (an internal one: a library's message) keeps its English, never a line of two languages.
 */
export function errorLine(e: FitcheckError<string>, messages: Messages): string {
  if (langOf(messages) === 'en') return e.describe();
  if (FILE_CODES.has(e.code)) return issueLine(readIssue(e, e.place.file ?? ''), messages);
  const fix = (hint: string) => `\n  ${translate(messages, 'cli.fixLabel')}: ${hint}`;
  const words = e.words;
  if (e.issues) return e.issues.map((i) => issueLine(i, messages)).join('\n') + (words?.hint ? fix(renderText(messages, words.hint as Text)) : '');
  if (!words?.message) return e.describe();
  // The grader's locales hold every key an error's words name (locale.test renders each).
  const said = renderText(messages, words.message as Text);
  return `${where(e.place, messages)}${said}${words.hint ? fix(renderText(messages, words.hint as Text)) : ''}`;
}

/** `file:line:col row N [key]: `, the row in the reader's words; empty without a place. */
function where({ file, line, column, row, key }: ErrorPlace, messages: Messages): string {
  let at = file ?? '';
  if (line !== undefined) at += `:${line}${column !== undefined ? `:${column}` : ''}`;
  if (row !== undefined) at += `${at ? ' ' : ''}${translate(messages, 'cli.row', { row })}`;
  if (key !== undefined) at += `${at ? ' ' : ''}[${key}]`;
  return at ? `${at}: ` : '';
}
