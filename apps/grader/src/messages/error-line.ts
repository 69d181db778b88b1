import { FILE_ERROR, readIssue, type FitcheckError } from '@fitcheck/core';
import { issueLine } from './issue-line.js';
import { langOf, type Messages } from './locale.js';

const FILE_CODES: ReadonlySet<string> = new Set(Object.values(FILE_ERROR));

/**
 * A file fitcheck could not read (`readTextFile`'s {@link FILE_ERROR} codes: a missing lab5.yaml,
 * a FIFO, a UTF-16 file) in the reader's language, as the submission's own read issues are said
 * (`issue.code.<code>`, whose words are the fix too). Undefined in English, or for any other error:
 * the caller keeps that error's own words (`describe()`), never a line of two languages.
 */
export function fileErrorLine(e: FitcheckError<string>, messages: Messages): string | undefined {
  if (langOf(messages) === 'en' || !FILE_CODES.has(e.code)) return undefined;
  return issueLine(readIssue(e, e.place.file ?? ''), messages);
}
