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

export interface DenseSpec {
  type: 'Dense';
  units: number;
  /** Default `linear` (Keras: no activation). */
  activation?: Activation;
  /** Default true. */
  useBias?: boolean;
  /** Default `glorotUniform`. */
  kernelInitializer?: Initializer;
  /** Default `zeros`. */
  biasInitializer?: Initializer;
  kernelRegularizer?: RegularizerSpec;
  biasRegularizer?: RegularizerSpec;
  name?: string;
}

export interface DropoutSpec {
  type: 'Dropout';
  /** Fraction of inputs dropped while training, in [0, 1). Inverted dropout, as in Keras. */
  rate: number;
  name?: string;
}

export interface FlattenSpec {
  type: 'Flatten';
  name?: string;
}

export interface ReshapeSpec {
  type: 'Reshape';
  /** Target shape without the batch dimension; one entry may be -1. */
  targetShape: number[];
  name?: string;
}

export type LayerSpec = DenseSpec | DropoutSpec | FlattenSpec | ReshapeSpec;
export type LayerType = LayerSpec['type'];

export interface ModelSpec {
  /** Shape of one sample, without the batch dimension: `[28]`, `[64, 64, 3]`. */
  inputShape: number[];
  layers: LayerSpec[];
  /** Keras model name, shown in the summary header. Default `sequential`. */
  name?: string;
  /** Path or URI of this JSON Schema, for editors; ignored by fitcheck. */
  $schema?: string;
}
