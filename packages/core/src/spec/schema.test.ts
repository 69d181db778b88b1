import { describe, expect, it } from 'vitest';
import { LAYER_TYPES } from '../layers/index.js';
import { composeModelSpecSchema } from './compose-schema.js';
import { modelSpecSchema } from './schema.js';
import { ACTIVATIONS, INITIALIZERS } from './types.js';
import type { LayerSpec, LayerType, ModelSpec, RegularizerSpec } from './types.js';

// For every property of a type: 'required' or 'optional'. Mapping over the TS types makes this
// table fail to compile when a property is added, removed or changes optionality.
type Presence<T> = { [K in keyof T]-?: undefined extends T[K] ? 'optional' : 'required' };
type LayerTable = { [L in LayerType]: Presence<Extract<LayerSpec, { type: L }>> };

const LAYERS = {
  Dense: {
    type: 'required', units: 'required', activation: 'optional', useBias: 'optional', kernelInitializer: 'optional',
    biasInitializer: 'optional', kernelRegularizer: 'optional', biasRegularizer: 'optional', name: 'optional',
  },
  Dropout: { type: 'required', rate: 'required', name: 'optional' },
  Flatten: { type: 'required', name: 'optional' },
  Reshape: { type: 'required', targetShape: 'required', name: 'optional' },
} as const satisfies LayerTable;
const MODEL = { inputShape: 'required', layers: 'required', name: 'optional', $schema: 'optional' } as const satisfies Presence<ModelSpec>;
const REGULARIZER = { l1: 'optional', l2: 'optional' } as const satisfies Presence<RegularizerSpec>;

interface ObjectSchema {
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean;
}

const schema = modelSpecSchema() as ObjectSchema & { definitions: Record<string, ObjectSchema & { enum?: string[] }> };
const def = (name: string) => {
  const d = schema.definitions[name];
  if (!d) throw new Error(`schema has no definition ${name}`);
  return d;
};

function presence(s: ObjectSchema): Record<string, string> {
  return Object.fromEntries(Object.keys(s.properties).map((k) => [k, s.required?.includes(k) ? 'required' : 'optional']));
}

describe('model-spec.schema.json matches the TypeScript types', () => {
  it('has the same enums as ACTIVATIONS and INITIALIZERS', () => {
    expect(def('activation').enum).toEqual([...ACTIVATIONS]);
    expect(def('initializer').enum).toEqual([...INITIALIZERS]);
  });

  it.each(Object.entries(LAYERS))('%s: same properties, same required ones, nothing else allowed', (type, table) => {
    const layer = def(type);
    expect(presence(layer)).toEqual(table);
    expect(layer.additionalProperties).toBe(false);
    expect(layer.properties.type).toEqual({ const: type });
  });

  it('discriminates layers by every LayerType and nothing more', () => {
    const layer = def('layer') as ObjectSchema & { allOf: { then: { $ref: string } }[] };
    expect((layer.properties.type as { enum: string[] }).enum).toEqual(Object.keys(LAYERS));
    expect(layer.allOf.map((branch) => branch.then.$ref)).toEqual(Object.keys(LAYERS).map((t) => `#/definitions/${t}`));
  });

  it('holds each layer type as its module declares it, dispatched in the registry\'s order', () => {
    expect(schema).toEqual(composeModelSpecSchema(schema));
    expect(LAYER_TYPES.map((t) => t.type)).toEqual(Object.keys(LAYERS));
  });

  it('describes ModelSpec and RegularizerSpec exactly', () => {
    expect(presence(schema)).toEqual(MODEL);
    expect(schema.additionalProperties).toBe(false);
    expect(presence(def('regularizer'))).toEqual(REGULARIZER);
  });
});
