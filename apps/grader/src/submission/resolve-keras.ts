import { isAbsolute, join, relative, resolve } from 'node:path';
import { isFitcheckError, loadConfigText, pointerPosition } from '@fitcheck/core';
import type { ConfigIssue, IssueParams } from '@fitcheck/core';
import { importKerasModel } from './keras-json.js';
import type { KerasImport, KerasIssue } from './keras-json.js';
import { readSubmissionFile } from './submission-file.js';
import { issueAt } from './place.js';
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
    return { ...(model && issues.length === 0 ? { model } : {}), issues: issues.map((i) => issueAt(place, place.pointer + i.pointer, i.message, 'keras', i.params)) };
  }
  if (value.trimStart().startsWith('{')) {
    // Pasted JSON text: positions inside a YAML string are not worth mapping; point at the string.
    let doc: unknown;
    try {
      doc = JSON.parse(value);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return { issues: [issueAt(place, place.pointer, `keras: the pasted model.to_json() text is not valid JSON (${detail})`, 'keras', { code: 'KERAS_BAD_JSON', detail })] };
    }
    const { model, issues } = importKerasModel(doc);
    return { ...(model && issues.length === 0 ? { model } : {}), issues: issues.map((i) => issueAt(place, place.pointer, `keras: ${i.message}`, 'keras', i.params)) };
  }
  return resolveKerasFile(value, place);
}

async function resolveKerasFile(path: string, place: ModelPlace): Promise<{ model?: KerasImport; issues: ConfigIssue[] }> {
  const refuse = (message: string, params: IssueParams): { issues: ConfigIssue[] } => ({ issues: [issueAt(place, place.pointer, message, 'keras', params)] });
  if (isAbsolute(path) || !path.toLowerCase().endsWith('.json')) {
    return refuse(`keras: "${path}" must be the relative path of a .json file inside the submission folder`, { code: 'KERAS_PATH', path });
  }
  let text: string;
  try {
    // Relative to the real folder, so a path that climbs out (`../x.json`) is refused as leading outside it.
    text = await readSubmissionFile(place.root, relative(place.root, resolve(place.base, path)), `keras: "${path}"`);
  } catch (e) {
    if (!isFitcheckError(e)) throw e;
    // A file error's code has its locale text (`issue.code.FILE_NOT_FOUND`, …), naming the file as the student wrote it.
    return refuse(e.message, { code: e.code, name: `keras: "${path}"` });
  }
  const shownAs = join(place.file, '..', path);
  const loaded = loadConfigText(text, shownAs, KERAS_DOCUMENT_SCHEMA, { format: 'json' });
  if (loaded.errors.length > 0) return { issues: loaded.errors };
  const { model, issues } = importKerasModel(loaded.value);
  return { ...(model && issues.length === 0 ? { model } : {}), issues: issues.map((i) => inFile(shownAs, text, i)) };
}

function inFile(file: string, text: string, issue: KerasIssue): ConfigIssue {
  const { line, column } = pointerPosition(text, issue.pointer);
  return { keyword: 'keras', instancePath: issue.pointer, message: issue.message, file, line, column, ...(issue.params && { params: issue.params }) };
}
