import type { LayerSpec } from '../layers/index.js';

/**
 * A model is data: TF.js/Keras layer names and defaults, kept apart from the TF.js objects
 * built from it (see `build-model.ts`). The JSON Schema in `schemas/model-spec.schema.json`
 * describes exactly these types; a test fails when the two drift apart.
 */

export const ACTIVATIONS = [
  'linear', 'relu', 'elu', 'selu', 'sigmoid', 'tanh', 'softplus', 'gelu', 'leakyRelu',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunUniform', 'lecunNormal', 'zeros', 'ones'] as const;
export type Initializer = (typeof INITIALIZERS)[number];

/** Keras `l1_l2`: penalty = l1·Σ|w| + l2·Σw². */
export interface RegularizerSpec {
  l1?: number;
  l2?: number;
}

// Each layer type's spec lives in its module (`layers/dense.ts`, …); the union comes from the registry.
export type { LayerSpec, LayerTypeName as LayerType } from '../layers/index.js';

export interface ModelSpec {
  /** Shape of one sample, without the batch dimension: `[28]`, `[64, 64, 3]`. */
  inputShape: number[];
  layers: LayerSpec[];
  /** Keras model name, shown in the summary header. Default `sequential`. */
  name?: string;
  /** Path or URI of this JSON Schema, for editors; ignored by fitcheck. */
  $schema?: string;
}
