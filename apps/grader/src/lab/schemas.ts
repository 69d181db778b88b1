import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AnySchemaObject } from 'ajv';
import { SCHEMAS_DIR } from './paths.js';

/**
 * How the published schemas point at core's model spec: a relative path, so editors that open
 * `apps/grader/schemas/*.json` resolve it. ajv cannot follow file paths, so {@link graderSchema}
 * embeds core's schema under its own `$id` and points these refs there.
 */
const CORE_MODEL_SPEC_REF = '../../../packages/core/schemas/model-spec.schema.json';

const cache = new Map<string, AnySchemaObject>();

/** A schema of `apps/grader/schemas/` (e.g. a lab's `<id>-submission.schema.json`), ready for ajv. */
export function graderSchema(name: string): AnySchemaObject {
  const cached = cache.get(name);
  if (cached) return cached;
  const schema = readJson(join(SCHEMAS_DIR, name));
  const core = coreModelSpecSchema();
  const coreId = String(core.$id);
  const rewritten = rewriteRefs(schema, (ref) => (ref.startsWith(`${CORE_MODEL_SPEC_REF}#`) ? coreId + ref.slice(CORE_MODEL_SPEC_REF.length) : ref));
  const { $schema: _drop, ...embedded } = core;
  const definitions = (rewritten.definitions ?? {}) as Record<string, unknown>;
  const bundled: AnySchemaObject = { ...rewritten, definitions: { ...definitions, 'core-model-spec': embedded } };
  cache.set(name, bundled);
  return bundled;
}

function coreModelSpecSchema(): AnySchemaObject {
  const path = createRequire(import.meta.url).resolve('@fitcheck/core/schemas/model-spec.schema.json');
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

function rewriteRefs(node: AnySchemaObject, map: (ref: string) => string): AnySchemaObject {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? map(v) : walk(v)]),
    );
  };
  return walk(node) as AnySchemaObject;
}
