import { FitcheckError } from '../errors.js';
import { readTextFile } from '../files/read-text-file.js';
import { formatIssue } from '../config/issue.js';
import { loadConfigText, readIssue } from '../config/load-config.js';
import type { ConfigIssue } from '../config/issue.js';
import { pointerPosition } from '../config/positions.js';
import { inferShapes } from './infer-shapes.js';
import { modelSpecSchema } from './schema.js';
import type { ModelSpec } from './types.js';

/**
 * Parses and validates a model spec (YAML or JSON text) and checks that its shapes fit
 * together. `file` names the source in messages and picks the format (`.json` → JSON).
 *
 * @throws FitcheckError `INVALID_MODEL_SPEC` listing every issue as `file:line:col: message`;
 *   `SHAPE_MISMATCH` for layers whose shapes cannot connect.
 */
export function parseModelSpec(text: string, file: string): ModelSpec {
  const { value, errors } = loadConfigText(text, file, modelSpecSchema());
  if (errors.length > 0) throw invalidSpec(errors);
  const spec = value as ModelSpec;
  try {
    inferShapes(spec);
  } catch (e) {
    if (e instanceof FitcheckError) {
      const at = e.place.key?.startsWith('/') ? pointerPosition(text, e.place.key) : {};
      throw new FitcheckError(e.code, e.message, { ...e.place, file, ...at }, e.hint, e.words);
    }
    throw e;
  }
  return spec;
}

/** A model spec is a few kilobytes. */
const MAX_SPEC_BYTES = 1024 * 1024;

/**
 * {@link parseModelSpec} on a file, read by `readTextFile`: a FIFO, a device, a binary or UTF-16
 * file is refused at once instead of hanging or being echoed.
 * @throws FitcheckError `INVALID_MODEL_SPEC` also when unreadable (the reason and its place kept).
 */
export async function loadModelSpec(file: string): Promise<ModelSpec> {
  let text: string;
  try {
    text = await readTextFile(file, { maxBytes: MAX_SPEC_BYTES });
  } catch (e) {
    if (!(e instanceof FitcheckError)) throw e;
    // The read issue says the reason, and the way out, in the reader's language (as a submission's unreadable file).
    throw new FitcheckError('INVALID_MODEL_SPEC', `cannot read model spec: ${e.message}`, { ...e.place, file }, e.hint, {}, [readIssue(e, file)]);
  }
  return parseModelSpec(text, file);
}

/** Every issue on its own `file:line:col:` line; the error's place is the first issue's. */
function invalidSpec(errors: readonly ConfigIssue[]): FitcheckError {
  const [first, ...rest] = errors as [ConfigIssue, ...ConfigIssue[]];
  const head = first.suggestion === undefined ? first.message : `${first.message} (did you mean "${first.suggestion}"?)`;
  const message = [head, ...rest.map(formatIssue)].join('\n');
  return new FitcheckError(
    'INVALID_MODEL_SPEC',
    message,
    { file: first.file, line: first.line, column: first.column },
    'see packages/core/schemas/model-spec.schema.json for the allowed keys',
    { hint: { key: 'issue.modelSpecHint' } },
    errors,
  );
}
