import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import type { AnySchemaObject } from 'ajv';
import { SCHEMAS_DIR } from './paths.js';

/**
 * How the published schemas point at core's schemas (the model spec, the optimizer): a relative
 * path, so editors that open `apps/grader/schemas/*.json` or `grading/labs/<id>/*.json` (both three
 * folders below the root) resolve it. ajv cannot follow file paths, so {@link graderSchema} embeds
 * each core schema under its own `$id` and points these refs there.
 */
const CORE_SCHEMAS = ['model-spec.schema.json', 'optimizer.schema.json'] as const;
const coreRef = (name: string): string => `../../../packages/core/schemas/${name}`;

const cache = new Map<string, AnySchemaObject>();

/**
 * A schema of `apps/grader/schemas/` (e.g. `lab.schema.json`), or the absolute path of a schema
 * in a lab's own folder (`grading/labs/<id>/<id>-submission.schema.json`), ready for ajv.
 */
export function graderSchema(name: string): AnySchemaObject {
  const cached = cache.get(name);
  if (cached) return cached;
  const schema = readJson(isAbsolute(name) ? name : join(SCHEMAS_DIR, name));
  const cores = CORE_SCHEMAS.map((file) => ({ file, schema: coreSchema(file) }));
  const rewritten = rewriteRefs(schema, (ref) => {
    const core = cores.find(({ file }) => ref.startsWith(`${coreRef(file)}#`));
    return core ? String(core.schema.$id) + ref.slice(coreRef(core.file).length) : ref;
  });
  const definitions = (rewritten.definitions ?? {}) as Record<string, unknown>;
  const embedded = Object.fromEntries(cores.map(({ file, schema: { $schema: _drop, ...rest } }) => [`core-${file.replace('.schema.json', '')}`, rest]));
  const bundled: AnySchemaObject = { ...rewritten, definitions: { ...definitions, ...embedded } };
  cache.set(name, bundled);
  return bundled;
}

function coreSchema(file: string): AnySchemaObject {
  const path = createRequire(import.meta.url).resolve(`@fitcheck/core/schemas/${file}`);
  return readJson(path);
}

function readJson(path: string): AnySchemaObject {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AnySchemaObject;
  } catch (e) {
    // A missing schema is the grader's own fault (exit 1), not the student's.
    throw new Error(`cannot read schema ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `node` with every `$ref` string passed through `map`. */
export function rewriteRefs(node: AnySchemaObject, map: (ref: string) => string): AnySchemaObject {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? map(v) : walk(v)]),
    );
  };
  return walk(node) as AnySchemaObject;
}
