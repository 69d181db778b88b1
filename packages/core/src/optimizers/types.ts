import type * as tf from '@tensorflow/tfjs-core';
import type { LearningRateSpec } from '../schedules/from-spec.js';
import type { LearningRateSchedule } from '../schedules/types.js';

/** Keras' `SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`. */
export interface SgdSpec {
  type: 'SGD';
  learningRate?: LearningRateSpec;
  momentum?: number;
  nesterov?: boolean;
}

/** Keras' `RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)`. */
export interface RmspropSpec {
  type: 'RMSprop';
  learningRate?: LearningRateSpec;
  rho?: number;
  momentum?: number;
  epsilon?: number;
  centered?: boolean;
}

/** Keras' `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)`. */
export interface AdamSpec {
  type: 'Adam';
  learningRate?: LearningRateSpec;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** An optimizer as data, named by its Keras class, its options in Keras' names camel-cased. */
export type OptimizerSpec = SgdSpec | RmspropSpec | AdamSpec;
export type OptimizerType = OptimizerSpec['type'];

/** A TF.js optimizer whose learning rate follows a schedule per step, counting its steps as Keras' `iterations`. */
export interface ScheduledOptimizer extends tf.Optimizer {
  readonly steps: number;
}

/**
 * One optimizer type, as its file declares it: its Keras name, its default learning rate (what
 * `learningRate` is when the spec leaves it out) and how to build it on a schedule.
 */
export interface OptimizerModule<S extends OptimizerSpec = OptimizerSpec> {
  type: S['type'];
  defaultLearningRate: number;
  create(spec: S, schedule: LearningRateSchedule): ScheduledOptimizer;
}
