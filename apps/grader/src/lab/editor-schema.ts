import { existsSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { AnySchemaObject } from 'ajv';
import { LABS_DIR, SCHEMAS_DIR } from './paths.js';
import { graderSchema, rewriteRefs } from './schemas.js';

/** `apps/grader/schemas/editor/`: the self-contained schemas a submission's `$schema` names, for editors. */
export const EDITOR_SCHEMAS_DIR = join(SCHEMAS_DIR, 'editor');

const isSubmissionSchema = (f: string): boolean => f.endsWith('-submission.schema.json');

/**
 * Every submission format: the grader's own (`<lab>-submission.schema.json`, by name) and those a
 * lab keeps in its folder (`grading/labs/<id>/<id>-submission.schema.json`, by absolute path).
 */
export function submissionSchemaNames(): string[] {
  const own = readdirSync(SCHEMAS_DIR).filter(isSubmissionSchema);
  const labs = existsSync(LABS_DIR) ? readdirSync(LABS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
  const inLabs = labs.flatMap((d) => readdirSync(join(LABS_DIR, d.name)).filter(isSubmissionSchema).map((f) => join(LABS_DIR, d.name, f)));
  return [...own.sort(), ...inLabs.sort()];
}

/** Where a format's editor copy lives: `schemas/editor/<file name>`, whichever folder the source is in. */
export function editorSchemaPath(name: string): string {
  return join(EDITOR_SCHEMAS_DIR, isAbsolute(name) ? basename(name) : name);
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
  // graderSchema embeds each core schema (model spec, optimizer) as `core-<name>` under its own $id.
  const cores = Object.entries(definitions).filter(([k]) => k.startsWith('core-')).map(([, v]) => v);
  const own = Object.fromEntries(Object.entries(definitions).filter(([k]) => !k.startsWith('core-')));
  let merged: Record<string, AnySchemaObject> = { ...own };
  for (const core of cores) {
    const coreDefinitions = (core.definitions ?? {}) as Record<string, AnySchemaObject>;
    const clash = Object.keys(coreDefinitions).filter((k) => k in merged);
    if (clash.length > 0) throw new Error(`${name} and core's ${String(core.$id)} both define ${clash.join(', ')}`);
    merged = { ...merged, ...coreDefinitions };
  }
  const ids = cores.map((c) => String(c.$id ?? '')).filter((id) => id !== '');
  const local = (ref: string): string => {
    const id = ids.find((i) => ref.startsWith(`${i}#`));
    return id ? ref.slice(id.length) : ref;
  };
  const bundled = rewriteRefs({ ...rest, definitions: merged }, local);
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
