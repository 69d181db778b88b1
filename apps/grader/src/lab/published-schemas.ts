import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_NAMES } from '../checks/rubric/index.js';
import { DATASET_KINDS } from '../datasets/index.js';
import { SCHEMAS_DIR } from './paths.js';

/**
 * The enums of the published schemas that registries derive: what editors complete `check:` in a
 * rubric.yaml and `kind:` in a lab.yaml from. `loadLab` derives the same enums from the registries
 * whatever the files say; `pnpm build` writes them into the files (a test fails while one is stale).
 */
const DERIVED_ENUMS: readonly { file: string; property: string; names: () => readonly string[] }[] = [
  { file: 'rubric.schema.json', property: 'check', names: () => CHECK_NAMES },
  { file: 'lab.schema.json', property: 'kind', names: () => DATASET_KINDS.map((k) => k.name) },
];

/** The published schemas with derived enums, as paths of `apps/grader/schemas/`. */
export const PUBLISHED_SCHEMAS: readonly string[] = DERIVED_ENUMS.map((e) => join(SCHEMAS_DIR, e.file));

/**
 * A published schema's text as `pnpm build` writes it: its derived enum (`"check": { "enum": [...] }`)
 * set to the registry's names. Only the enum is rewritten: the rest keeps its hand-written layout.
 * @throws Error when the file does not hold that enum exactly once.
 */
export function publishedSchemaText(path: string): string {
  const derived = DERIVED_ENUMS.find((e) => join(SCHEMAS_DIR, e.file) === path);
  if (!derived) throw new Error(`${path} has no enum derived from a registry`);
  const text = readFileSync(path, 'utf8');
  const pattern = new RegExp(`("${derived.property}":\\s*\\{\\s*"enum":\\s*)\\[[^\\]]*\\]`, 'g');
  const found = text.match(pattern)?.length ?? 0;
  if (found !== 1) throw new Error(`${path}: ${found} "${derived.property}": { "enum": [...] } where one should hold the registry's names`);
  return text.replace(pattern, (_all, head: string) => `${head}[${derived.names().map((n) => JSON.stringify(n)).join(', ')}]`);
}
