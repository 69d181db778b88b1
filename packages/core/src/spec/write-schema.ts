import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { AnySchemaObject } from 'ajv';
import { optimizerSchema, optimizerSchemaPath } from '../optimizers/schema.js';
import { composeOptimizerSchema } from './compose-optimizer-schema.js';
import { composeModelSpecSchema } from './compose-schema.js';
import { modelSpecSchema, modelSpecSchemaPath } from './schema.js';

// Run by `pnpm build` after tsc: the published schemas, the model schema's layer part from the
// layer modules and the optimizer schema's optimizer part from the optimizer modules, so a layer
// or optimizer added is in the schemas editors and the grader read with no step by hand. Written
// only when they differ, so an unchanged file keeps its layout (and its diffs stay small).
function write(path: string, current: AnySchemaObject, derived: AnySchemaObject): void {
  if (!isDeepStrictEqual(current, derived)) writeFileSync(path, `${JSON.stringify(derived, null, 2)}\n`);
}

write(modelSpecSchemaPath, modelSpecSchema(), composeModelSpecSchema(modelSpecSchema()));
write(optimizerSchemaPath, optimizerSchema(), composeOptimizerSchema(optimizerSchema()));
