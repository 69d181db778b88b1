import * as tfl from '@tensorflow/tfjs-layers';
import type { Initializer, RegularizerSpec } from '../spec/types.js';
import type { HyperparameterProblem } from './layer-type.js';

type TfInitializer = ReturnType<typeof tfl.initializers.zeros>;

/** A Keras initializer by its TF.js name, seeded. */
export function initializer(name: Initializer, seed: number): TfInitializer {
  const init = tfl.initializers;
  switch (name) {
    case 'glorotUniform': return init.glorotUniform({ seed });
    case 'glorotNormal': return init.glorotNormal({ seed });
    case 'heUniform': return init.heUniform({ seed });
    case 'heNormal': return init.heNormal({ seed });
    case 'lecunUniform': return init.leCunUniform({ seed });
    case 'lecunNormal': return init.leCunNormal({ seed });
    case 'zeros': return init.zeros();
    case 'ones': return init.ones();
  }
}

// TF.js' l1l2 defaults both factors to 0.01; Keras' l2(x) means l1 = 0.
export function regularizer(spec: RegularizerSpec): ReturnType<typeof tfl.regularizers.l1l2> {
  return tfl.regularizers.l1l2({ l1: spec.l1 ?? 0, l2: spec.l2 ?? 0 });
}

/** Whether a regularizer adds anything to the loss (an L1 or L2 factor > 0). */
export function hasPenalty(spec: RegularizerSpec | undefined): boolean {
  return (spec?.l1 ?? 0) > 0 || (spec?.l2 ?? 0) > 0;
}

/** Regularizer factors are finite and ≥ 0 (a YAML `.inf` parses as a number the schema lets through). */
export function regularizerProblems(which: string, spec: RegularizerSpec | undefined): HyperparameterProblem[] {
  return Object.entries(spec ?? {})
    .filter(([, value]) => !Number.isFinite(value) || value < 0)
    .map(([name, value]) => ({
      rule: 'regularizerFactor', path: `/${which}/${name}`, params: { which, name, value }, message: `${which}.${name} = ${value} is not a finite number ≥ 0`,
    }));
}
