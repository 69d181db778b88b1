import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnySchemaObject } from 'ajv';

/**
 * Absolute path of `schemas/model-spec.schema.json` (the same two levels up from `src/spec`
 * and `dist/spec`), for editors' `$schema` and for tools that read the file.
 */
export const modelSpecSchemaPath: string = fileURLToPath(new URL('../../schemas/model-spec.schema.json', import.meta.url));

let cached: AnySchemaObject | undefined;

/** The model spec JSON Schema as an object, read once. */
export function modelSpecSchema(): AnySchemaObject {
  cached ??= JSON.parse(readFileSync(modelSpecSchemaPath, 'utf8')) as AnySchemaObject;
  return cached;
}
