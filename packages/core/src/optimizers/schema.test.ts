import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SCHEDULE_TYPES, type ScheduleSpec } from '../schedules/from-spec.js';
import { composeOptimizerSchema } from '../spec/compose-optimizer-schema.js';
import { OPTIMIZER_TYPES, OPTIMIZERS } from './index.js';
import { optimizerSchema } from './schema.js';
import type { OptimizerSpec } from './types.js';

// For every property of a type: 'required' or 'optional'; a property added to a type and not to
// the schema (or the reverse) fails this table's compilation or the test.
type Presence<T> = { [K in keyof T]-?: undefined extends T[K] ? 'optional' : 'required' };
type Table<U extends { type: string }> = { [T in U['type']]: Presence<Extract<U, { type: T }>> };

const OPTIMIZER_TABLE = {
  Adam: { type: 'required', learningRate: 'optional', beta1: 'optional', beta2: 'optional', epsilon: 'optional' },
  RMSprop: { type: 'required', learningRate: 'optional', rho: 'optional', momentum: 'optional', epsilon: 'optional', centered: 'optional' },
  SGD: { type: 'required', learningRate: 'optional', momentum: 'optional', nesterov: 'optional' },
} as const satisfies Table<OptimizerSpec>;

const SCHEDULE_TABLE = {
  InverseTimeDecay: { type: 'required', initialLearningRate: 'required', decaySteps: 'required', decayRate: 'required', staircase: 'optional' },
  ExponentialDecay: { type: 'required', initialLearningRate: 'required', decaySteps: 'required', decayRate: 'required', staircase: 'optional' },
  PiecewiseConstantDecay: { type: 'required', boundaries: 'required', values: 'required' },
  CosineDecay: { type: 'required', initialLearningRate: 'required', decaySteps: 'required', alpha: 'optional', warmupTarget: 'optional', warmupSteps: 'optional' },
} as const satisfies Table<ScheduleSpec>;

interface ObjectSchema {
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties?: boolean;
}
const schema = optimizerSchema() as { definitions: Record<string, ObjectSchema> };
const presence = (s: ObjectSchema) =>
  Object.fromEntries(Object.keys(s.properties).map((k) => [k, s.required?.includes(k) ? 'required' : 'optional']));

describe('optimizer.schema.json matches the TypeScript types', () => {
  it.each([...Object.entries(OPTIMIZER_TABLE), ...Object.entries(SCHEDULE_TABLE)])('%s: same properties, same required ones, nothing else', (type, table) => {
    const def = schema.definitions[type]!;
    expect(presence(def)).toEqual(table);
    expect(def.additionalProperties).toBe(false);
  });

  it('lists every optimizer module and every schedule, and nothing more', () => {
    const enumOf = (name: string) => ((schema.definitions[name]!.properties.type as { enum: string[] }).enum);
    expect(enumOf('optimizer')).toEqual([...OPTIMIZER_TYPES]);
    expect(enumOf('schedule')).toEqual([...SCHEDULE_TYPES]);
    expect(Object.keys(OPTIMIZER_TABLE)).toEqual([...OPTIMIZER_TYPES]);
  });

  // The build writes the optimizer part from the modules; this fails while the committed file is stale.
  it('holds each optimizer as its module declares it, dispatched in the registry\'s order', () => {
    expect(schema).toEqual(composeOptimizerSchema(schema));
    for (const o of OPTIMIZERS) expect(schema.definitions[o.type]).toEqual(o.schema);
  });

  it('accepts specs in Keras names and refuses what Keras would refuse', () => {
    const validate = new Ajv({ allErrors: true }).compile(optimizerSchema());
    expect(validate({ type: 'SGD', learningRate: 0.01, momentum: 0.9, nesterov: true })).toBe(true);
    expect(validate({ type: 'Adam', learningRate: { type: 'CosineDecay', initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.001, warmupSteps: 100 } })).toBe(true);
    expect(validate({ type: 'SGD', momentum: 1.5 })).toBe(false);
    expect(validate({ type: 'RMSprop', beta1: 0.9 })).toBe(false);
    expect(validate({ type: 'Adagrad' })).toBe(false);
    expect(validate({ type: 'Adam', learningRate: { type: 'ExponentialDecay', initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 } })).toBe(false);
  });
});
