import { loadConfigText } from '@fitcheck/core';
import type { ConfigIssue } from '@fitcheck/core';

/** A submission file is a few kilobytes; anything past this is refused unread. */
export const MAX_SUBMISSION_BYTES = 1024 * 1024;

/** Where a model sits: the submission's real folder, its file and text, and the model's JSON pointer. */
export interface ModelPlace {
  root: string;
  file: string;
  text: string;
  pointer: string;
}

/** A problem at a JSON pointer of a YAML/JSON text, as `file:line:col`. */
export function issueAt(place: Pick<ModelPlace, 'file' | 'text'>, pointer: string, message: string, keyword = 'model'): ConfigIssue {
  const { line, column } = positionOf(place.text, place.file, pointer);
  return { keyword, instancePath: pointer, message, file: place.file, line, column };
}

/**
 * Line and column of a JSON pointer, found by core's config loader: a schema that rejects
 * exactly the value at `pointer` makes `loadConfigText` report that value's position (and its
 * nearest ancestor's when the path does not exist), so positions are computed in one place.
 */
function positionOf(text: string, file: string, pointer: string): { line: number; column: number } {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const schema = segments.reduceRight<Record<string, unknown> | boolean>(
    (inner, segment) => (/^\d+$/.test(segment) ? { type: 'array', items: inner } : { type: 'object', properties: { [segment]: inner } }),
    false,
  );
  const { errors } = loadConfigText(text, file, typeof schema === 'boolean' ? { not: {} } : schema, { format: file.endsWith('.json') ? 'json' : 'yaml' });
  const hit = errors.find((e) => e.instancePath === pointer) ?? errors[0];
  return hit ? { line: hit.line, column: hit.column } : { line: 1, column: 1 };
}
