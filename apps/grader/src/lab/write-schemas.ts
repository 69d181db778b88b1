// Run by `pnpm build` after tsc: writes the schemas derived from code, so that none is kept by hand
// in parallel with it — the enums of rubric.schema.json (`check`) and lab.schema.json (`kind`), and
// schemas/editor/<format>.schema.json (each submission format, core's layers merged in). A test
// fails when a committed one is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { EDITOR_SCHEMAS_DIR, editorSchemaPath, editorSchemaText, submissionSchemaNames } from './editor-schema.js';
import { PUBLISHED_SCHEMAS, publishedSchemaText } from './published-schemas.js';

for (const path of PUBLISHED_SCHEMAS) writeFileSync(path, publishedSchemaText(path));
mkdirSync(EDITOR_SCHEMAS_DIR, { recursive: true });
for (const name of submissionSchemaNames()) writeFileSync(editorSchemaPath(name), editorSchemaText(name));
