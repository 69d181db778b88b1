import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { composeModelSpecSchema } from './compose-schema.js';
import { modelSpecSchema, modelSpecSchemaPath } from './schema.js';

// Run by `pnpm build` after tsc: the published model schema, its layer part from the layer modules,
// so a layer type added is in the schema editors and the grader read with no step by hand. Written
// only when it differs, so an unchanged file keeps its layout (and its diffs stay small).
const current = modelSpecSchema();
const derived = composeModelSpecSchema(current);
if (!isDeepStrictEqual(current, derived)) writeFileSync(modelSpecSchemaPath, `${JSON.stringify(derived, null, 2)}\n`);
