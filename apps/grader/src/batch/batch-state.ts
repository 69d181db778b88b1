import { loadConfigText, readIssue, readTextFile } from '@fitcheck/core';
import type { AnySchemaObject } from 'ajv';
import { GraderError } from '../errors.js';
import { text, type Text } from '../messages/text.js';

/** Code of a state file of OUT (`batch-entry.json`, `batch-manifest.json`, `results.json`) that is torn or was edited by hand. */
export const BATCH_STATE_ERROR = { invalid: 'INVALID_BATCH_STATE' } as const;

/** State files are a few kilobytes; a results.json with 50 findings per item stays far below this. */
const MAX_STATE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a JSON file the batch wrote earlier and checks it against `schema`: a torn or hand-edited
 * one is `INVALID_BATCH_STATE` reporting each issue at its place, then `fix`, never a bare JSON error
 * without a file, and never silently taken for "no submission here".
 */
export async function readBatchState<T>(file: string, schema: AnySchemaObject, fix: Text): Promise<T> {
  let source: string;
  try {
    source = await readTextFile(file, { maxBytes: MAX_STATE_BYTES });
  } catch (e) {
    throw new GraderError(BATCH_STATE_ERROR.invalid, [readIssue(e, file)], {}, fix);
  }
  const { value, errors } = loadConfigText(source, file, schema, { format: 'json' });
  if (errors.length > 0) throw new GraderError(BATCH_STATE_ERROR.invalid, errors, {}, text('errBatch.stateTorn', { fix }));
  return value as T;
}
