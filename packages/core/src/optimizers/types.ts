import type * as tf from '@tensorflow/tfjs-core';
import type { AnySchemaObject } from 'ajv';
import { entries } from '../files/discover-modules.js';
import type { LearningRateSchedule } from '../schedules/types.js';

/**
 * Every optimizer's spec by its Keras class name, filled in by the optimizer modules themselves
 * (declaration merging: `declare module './types.js' { interface OptimizerSpecs { SGD: SgdSpec } }`
 * in `sgd.ts`), so the union `OptimizerSpec` is derived with no list to keep.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each optimizer module's augmentation
export interface OptimizerSpecs {}

/** An optimizer as data, named by its Keras class, its options in Keras' names camel-cased. */
export type OptimizerSpec = OptimizerSpecs[keyof OptimizerSpecs];
export type OptimizerType = OptimizerSpec['type'];

/** A TF.js optimizer whose learning rate follows a schedule per step, counting its steps as Keras' `iterations`. */
export interface ScheduledOptimizer extends tf.Optimizer {
  readonly steps: number;
}

/** What every optimizer spec has: its Keras class (`type`). */
export interface OptimizerSpecBase {
  type: string;
}

/**
 * One optimizer type, as its file declares it: its Keras name, the JSON Schema fragment of its spec
 * (`definitions.<type>` of `schemas/optimizer.schema.json`, which `pnpm build` writes from it), its
 * default learning rate (what `learningRate` is when the spec leaves it out) and how to build it on
 * a schedule.
 */
export interface OptimizerModule<S extends OptimizerSpecBase = OptimizerSpec> {
  type: S['type'];
  schema: AnySchemaObject;
  defaultLearningRate: number;
  create(spec: S, schedule: LearningRateSchedule): ScheduledOptimizer;
}

/** An optimizer module as the registry holds it: its spec no longer narrowed. */
export type AnyOptimizerModule = OptimizerModule<OptimizerSpecBase>;

const optimizerModules = entries<AnyOptimizerModule>();

/**
 * Declares an optimizer, `S` checked where the module is written; `S` must be in
 * {@link OptimizerSpecs} (the module's augmentation), so an optimizer cannot be declared outside the union.
 */
export function defineOptimizer<S extends OptimizerSpecs[keyof OptimizerSpecs]>(definition: OptimizerModule<S>): OptimizerModule<S> {
  optimizerModules.add(definition as unknown as AnyOptimizerModule);
  return definition;
}

/** Whether a value is an optimizer `defineOptimizer` declared (the registry collects exactly these). */
export const isOptimizerModule = optimizerModules.is;

/** The file of an optimizer's module: its Keras class name in lower case (`SGD` → `sgd`, `RMSprop` → `rmsprop`, `AdamW` → `adamw`). */
export function optimizerFileName(type: string): string {
  return type.toLowerCase();
}
