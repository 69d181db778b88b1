import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnySchemaObject } from 'ajv';

/** Absolute path of `schemas/optimizer.schema.json` (two levels up from `src/optimizers` and `dist/optimizers`). */
export const optimizerSchemaPath: string = fileURLToPath(new URL('../../schemas/optimizer.schema.json', import.meta.url));

let cached: AnySchemaObject | undefined;

/** The optimizer and learning-rate schedule JSON Schema as an object, read once. */
export function optimizerSchema(): AnySchemaObject {
  cached ??= JSON.parse(readFileSync(optimizerSchemaPath, 'utf8')) as AnySchemaObject;
  return cached;
}
