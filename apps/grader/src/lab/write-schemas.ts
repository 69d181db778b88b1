// Run by `pnpm build` after tsc: writes the schemas derived from code, so that none is kept by hand
// in parallel with it — rubric.schema.json's `check` enum (from the rubric checks) and
// schemas/editor/<format>.schema.json (each submission format, core's layers merged in). A test
// fails when a committed one is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { EDITOR_SCHEMAS_DIR, editorSchemaPath, editorSchemaText, submissionSchemaNames } from './editor-schema.js';
import { PUBLISHED_RUBRIC_SCHEMA, publishedRubricSchemaText } from './rubric-schema.js';

writeFileSync(PUBLISHED_RUBRIC_SCHEMA, publishedRubricSchemaText());
mkdirSync(EDITOR_SCHEMAS_DIR, { recursive: true });
for (const name of submissionSchemaNames()) writeFileSync(editorSchemaPath(name), editorSchemaText(name));
