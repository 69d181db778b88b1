import type { AnySchemaObject } from 'ajv';
import { LAYER_TYPES } from '../layers/index.js';

/**
 * The model schema with its layer part taken from the layer modules: `definitions.layer` (the
 * `type` enum and one `if type = T then <T's schema>` branch per type) and each `definitions.<T>`.
 * The published `schemas/model-spec.schema.json` equals this (a test checks it);
 * `pnpm build` writes it (`write-schema.ts`).
 */
export function composeModelSpecSchema(base: AnySchemaObject): AnySchemaObject {
  const definitions = { ...(base.definitions as Record<string, AnySchemaObject>) };
  const layer = definitions.layer ?? {};
  const types = LAYER_TYPES.map((t) => t.type);
  definitions.layer = {
    ...layer,
    properties: { ...(layer.properties as Record<string, AnySchemaObject>), type: { enum: types, description: 'Keras layer class.' } },
    allOf: types.map((type) => ({ if: { required: ['type'], properties: { type: { const: type } } }, then: { $ref: `#/definitions/${type}` } })),
  };
  for (const t of LAYER_TYPES) definitions[t.type] = t.schema;
  return { ...base, definitions };
}
