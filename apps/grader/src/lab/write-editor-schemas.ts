// `pnpm --filter @fitcheck/grader schemas`: writes schemas/editor/<format>.schema.json, one
// self-contained schema per submission format; a test fails when a committed one is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { EDITOR_SCHEMAS_DIR, editorSchemaPath, editorSchemaText, submissionSchemaNames } from './editor-schema.js';

mkdirSync(EDITOR_SCHEMAS_DIR, { recursive: true });
for (const name of submissionSchemaNames()) {
  writeFileSync(editorSchemaPath(name), editorSchemaText(name));
  process.stdout.write(`${editorSchemaPath(name)}\n`);
}
