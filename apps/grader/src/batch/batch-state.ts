import { FitcheckError, formatIssue, loadConfigText, readTextFile } from '@fitcheck/core';
import type { AnySchemaObject } from 'ajv';
import { GraderError } from '../errors.js';

/** Code of a state file of OUT (`batch-entry.json`, `batch-manifest.json`, `results.json`) that is torn or was edited by hand. */
export const BATCH_STATE_ERROR = { invalid: 'INVALID_BATCH_STATE' } as const;

/** State files are a few kilobytes; a results.json with 50 findings per item stays far below this. */
const MAX_STATE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a JSON file the batch wrote earlier and checks it against `schema`: a torn or hand-edited
 * one is `INVALID_BATCH_STATE` naming the file, the place and `fix`, never a bare JSON error
 * without a file, and never silently taken for "no submission here".
 */
export async function readBatchState<T>(file: string, schema: AnySchemaObject, fix: string): Promise<T> {
  let text: string;
  try {
    text = await readTextFile(file, { maxBytes: MAX_STATE_BYTES });
  } catch (e) {
    if (!(e instanceof FitcheckError)) throw e;
    throw new GraderError(BATCH_STATE_ERROR.invalid, e.message, { ...e.place, file }, fix);
  }
  const { value, errors } = loadConfigText(text, file, schema, { format: 'json' });
  const [first] = errors;
  if (first !== undefined) {
    throw new GraderError(BATCH_STATE_ERROR.invalid, `${first.message} (the file is torn or was edited by hand)${errors.length > 1 ? `\n${errors.slice(1).map(formatIssue).join('\n')}` : ''}`,
      { file, line: first.line, column: first.column }, fix);
  }
  return value as T;
}
