import { pointerPosition } from '@fitcheck/core';
import type { ConfigIssue, IssueParams } from '@fitcheck/core';

/** A submission file is a few kilobytes; anything past this is refused unread. */
export const MAX_SUBMISSION_BYTES = 1024 * 1024;
/** The folder every file of a submission must lie in, as messages name it. */
export const SUBMISSION_FOLDER = 'the submission folder';

/** Where a model sits: the submission's real folder, its file and text, and the model's JSON pointer. */
export interface ModelPlace {
  root: string;
  /** The real folder of the submission file: a Keras file's path is relative to it. */
  base: string;
  file: string;
  text: string;
  pointer: string;
}

/**
 * A problem at a JSON pointer of a YAML/JSON text, as `file:line:col`; `params` (its `code` names
 * the locale text `issue.code.<code>`) let the grader say it in the reader's language.
 */
export function issueAt(place: Pick<ModelPlace, 'file' | 'text'>, pointer: string, message: string, keyword = 'model', params?: IssueParams): ConfigIssue {
  const { line, column } = pointerPosition(place.text, pointer);
  return { keyword, instancePath: pointer, message, file: place.file, line, column, ...(params && { params }) };
}
