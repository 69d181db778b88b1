import type { AnySchemaObject } from 'ajv';
import { OPTIMIZERS } from '../optimizers/index.js';

/**
 * The optimizer schema with its optimizer part taken from the optimizer modules:
 * `definitions.optimizer` (the `type` enum and one `if type = T then <T's schema>` branch per type)
 * and each `definitions.<T>`; the schedules stay as the file has them. The published
 * `schemas/optimizer.schema.json` equals this (a test checks it); `pnpm build` writes it
 * (`write-schema.ts`). It lives outside `optimizers/` because the registry imports that whole folder.
 */
export function composeOptimizerSchema(base: AnySchemaObject): AnySchemaObject {
  const definitions = { ...(base.definitions as Record<string, AnySchemaObject>) };
  const optimizer = definitions.optimizer ?? {};
  const types = OPTIMIZERS.map((o) => o.type);
  definitions.optimizer = {
    ...optimizer,
    properties: { ...(optimizer.properties as Record<string, AnySchemaObject>), type: { enum: types } },
    allOf: types.map((type) => ({ if: { properties: { type: { const: type } } }, then: { $ref: `#/definitions/${type}` } })),
  };
  for (const o of OPTIMIZERS) definitions[o.type] = o.schema;
  return { ...base, definitions };
}
