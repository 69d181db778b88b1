import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnySchemaObject } from 'ajv';
import { SCHEMAS_DIR } from './paths.js';
import { graderSchema, rewriteRefs } from './schemas.js';

/** `apps/grader/schemas/editor/`: the self-contained schemas a submission's `$schema` names, for editors. */
export const EDITOR_SCHEMAS_DIR = join(SCHEMAS_DIR, 'editor');

/** Every submission format the grader publishes (`<lab>-submission.schema.json`). */
export function submissionSchemaNames(): string[] {
  return readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('-submission.schema.json')).sort();
}

/**
 * A submission schema as one self-contained document for editors: core's layer definitions merged
 * into its own `definitions`, every `$ref` a local `#/definitions/…`, no `$id`. yaml-language-server
 * 1.20 and later (VS Code's YAML) cannot follow `urn:` `$id`s to other files — it reports "Problems
 * loading reference", completes no layer and misses a typo — so what the editor reads holds no such chain.
 * @throws Error when a definition name is in both schemas (merging would hide one).
 */
export function editorSchema(name: string): AnySchemaObject {
  const { definitions = {}, $id: _ownId, ...rest } = graderSchema(name) as AnySchemaObject & { definitions?: Record<string, AnySchemaObject> };
  const { 'core-model-spec': core, ...own } = definitions;
  const coreId = String(core?.$id ?? '');
  const coreDefinitions = (core?.definitions ?? {}) as Record<string, AnySchemaObject>;
  const clash = Object.keys(coreDefinitions).filter((k) => k in own);
  if (clash.length > 0) throw new Error(`${name} and core's model spec both define ${clash.join(', ')}`);
  const local = (ref: string): string => (coreId !== '' && ref.startsWith(`${coreId}#`) ? ref.slice(coreId.length) : ref);
  const bundled = rewriteRefs({ ...rest, definitions: { ...own, ...coreDefinitions } }, local);
  const outside = refsOf(bundled).filter((r) => !r.startsWith('#/'));
  if (outside.length > 0) throw new Error(`${name}: references left outside the document: ${outside.join(', ')}`);
  return bundled;
}

/** The schema file's text as committed: 2-space JSON and a final newline. */
export function editorSchemaText(name: string): string {
  return `${JSON.stringify(editorSchema(name), null, 2)}\n`;
}

/** Every `$ref` in a schema, and every `$id` below its root, as written. */
export function refsOf(node: unknown, root = true): string[] {
  if (Array.isArray(node)) return node.flatMap((v) => refsOf(v, false));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string') || (k === '$id' && !root && typeof v === 'string') ? [v] : refsOf(v, false));
}
