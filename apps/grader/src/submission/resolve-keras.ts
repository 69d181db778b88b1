import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { loadConfigText, pointerPosition } from '@fitcheck/core';
import type { ConfigIssue } from '@fitcheck/core';
import { importKerasModel } from './keras-json.js';
import type { KerasImport, KerasIssue } from './keras-json.js';
import { MAX_SUBMISSION_BYTES, isInside, issueAt } from './place.js';
import type { ModelPlace } from './place.js';

// Only the envelope: importKerasModel reports what is inside, with positions.
const KERAS_DOCUMENT_SCHEMA = {
  type: 'object',
  properties: { class_name: { type: 'string' }, config: true },
  required: ['class_name', 'config'],
} as const;

/**
 * A `keras:` entry of a submission: a Keras `model.to_json()` document given inline (as a
 * mapping, or as the JSON text itself) or as the path of a `.json` file. A path is resolved
 * through symlinks and refused unless it stays inside the submission folder.
 */
export async function resolveKeras(value: string | Record<string, unknown>, place: ModelPlace): Promise<{ model?: KerasImport; issues: ConfigIssue[] }> {
  if (typeof value !== 'string') {
    // Inline mapping: problems point into the submission file itself.
    const { model, issues } = importKerasModel(value);
    return { ...(model && issues.length === 0 ? { model } : {}), issues: issues.map((i) => issueAt(place, place.pointer + i.pointer, i.message)) };
  }
  if (value.trimStart().startsWith('{')) {
    // Pasted JSON text: positions inside a YAML string are not worth mapping; point at the string.
    let doc: unknown;
    try {
      doc = JSON.parse(value);
    } catch (e) {
      return { issues: [issueAt(place, place.pointer, `keras: the pasted model.to_json() text is not valid JSON (${e instanceof Error ? e.message : String(e)})`)] };
    }
    const { model, issues } = importKerasModel(doc);
    return { ...(model && issues.length === 0 ? { model } : {}), issues: issues.map((i) => issueAt(place, place.pointer, `keras: ${i.message}`)) };
  }
  return resolveKerasFile(value, place);
}

async function resolveKerasFile(path: string, place: ModelPlace): Promise<{ model?: KerasImport; issues: ConfigIssue[] }> {
  const refuse = (message: string): { issues: ConfigIssue[] } => ({ issues: [issueAt(place, place.pointer, message)] });
  if (isAbsolute(path) || !path.toLowerCase().endsWith('.json')) {
    return refuse(`keras: "${path}" must be the relative path of a .json file inside the submission folder`);
  }
  let real: string;
  try {
    real = await realpath(resolve(place.root, path));
  } catch {
    return refuse(`keras: no file "${path}" in the submission folder`);
  }
  if (!isInside(place.root, real)) {
    return refuse(`keras: "${path}" leads outside the submission folder; only files inside it are read`);
  }
  const info = await stat(real);
  // A FIFO or a device would block or never end: only regular files are read.
  if (!info.isFile()) return refuse(`keras: "${path}" is not a regular file`);
  const size = info.size;
  if (size > MAX_SUBMISSION_BYTES) return refuse(`keras: "${path}" is ${size} bytes; at most ${MAX_SUBMISSION_BYTES}`);
  const text = await readFile(real, 'utf8');
  const shownAs = join(place.file, '..', path);
  const loaded = loadConfigText(text, shownAs, KERAS_DOCUMENT_SCHEMA, { format: 'json' });
  if (loaded.errors.length > 0) return { issues: loaded.errors };
  const { model, issues } = importKerasModel(loaded.value);
  return { ...(model && issues.length === 0 ? { model } : {}), issues: issues.map((i) => inFile(shownAs, text, i)) };
}

function inFile(file: string, text: string, issue: KerasIssue): ConfigIssue {
  const { line, column } = pointerPosition(text, issue.pointer);
  return { keyword: 'keras', instancePath: issue.pointer, message: issue.message, file, line, column };
}
