import { writeFileSync } from 'node:fs';
import { composeModelSpecSchema } from './compose-schema.js';
import { modelSpecSchema, modelSpecSchemaPath } from './schema.js';

// `pnpm --filter @fitcheck/core write-schema`: the published model schema, its layer part from the layer modules.
writeFileSync(modelSpecSchemaPath, `${JSON.stringify(composeModelSpecSchema(modelSpecSchema()), null, 2)}\n`);
process.stdout.write(`wrote ${modelSpecSchemaPath}\n`);
