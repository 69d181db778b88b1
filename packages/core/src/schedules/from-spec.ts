import { cosineDecay, type CosineDecayOptions } from './cosine-decay.js';
import { exponentialDecay, type ExponentialDecayOptions } from './exponential-decay.js';
import { inverseTimeDecay, type InverseTimeDecayOptions } from './inverse-time-decay.js';
import { piecewiseConstantDecay, type PiecewiseConstantDecayOptions } from './piecewise-constant-decay.js';
import type { LearningRateSchedule } from './types.js';

/**
 * A learning-rate schedule as data, named by its Keras class (`keras.optimizers.schedules.*`),
 * its options in Keras' names camel-cased (`decay_steps` → `decaySteps`); steps count optimizer
 * updates, as in Keras.
 */
export type ScheduleSpec =
  | ({ type: 'InverseTimeDecay' } & InverseTimeDecayOptions)
  | ({ type: 'ExponentialDecay' } & ExponentialDecayOptions)
  | ({ type: 'PiecewiseConstantDecay' } & PiecewiseConstantDecayOptions)
  | ({ type: 'CosineDecay' } & CosineDecayOptions);
export type ScheduleType = ScheduleSpec['type'];

/** A learning rate as data: a constant, or a schedule evaluated at every optimizer step. */
export type LearningRateSpec = number | ScheduleSpec;

/** Every schedule type, in the order the schema lists them. */
export const SCHEDULE_TYPES = ['InverseTimeDecay', 'ExponentialDecay', 'PiecewiseConstantDecay', 'CosineDecay'] as const satisfies readonly ScheduleType[];

/** The schedule a spec describes (a constant rate is the schedule that ignores its step). */
export function learningRateSchedule(spec: LearningRateSpec): LearningRateSchedule {
  if (typeof spec === 'number') return () => spec;
  const { type, ...options } = spec;
  switch (type) {
    case 'InverseTimeDecay': return inverseTimeDecay(options as InverseTimeDecayOptions);
    case 'ExponentialDecay': return exponentialDecay(options as ExponentialDecayOptions);
    case 'PiecewiseConstantDecay': return piecewiseConstantDecay(options as PiecewiseConstantDecayOptions);
    case 'CosineDecay': return cosineDecay(options as CosineDecayOptions);
  }
}
