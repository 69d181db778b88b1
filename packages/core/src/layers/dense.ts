import * as tfl from '@tensorflow/tfjs-layers';
import { tfjsActivation } from '../model/activations.js';
import { layerStream, nextSeed } from '../model/seed-streams.js';
import type { Activation, Initializer, RegularizerSpec } from '../spec/types.js';
import { importActivation, importInitializer, importRegularizer } from './keras-values.js';
import { defineLayer } from './layer-type.js';
import { checkedProduct, checkPositive, mismatch, product } from './shapes.js';
import { hasPenalty, initializer, regularizer, regularizerProblems } from './weights.js';

declare module './layer-type.js' {
  interface LayerSpecs {
    Dense: DenseSpec;
  }
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

/**
 * keras.layers.Dense: activation(x·kernel + bias) on the last axis. On (None, …, d): output
 * (None, …, units); params = d·units + units·[useBias]; forward FLOPs per sample = 2·d·units per
 * position of the leading axes (bias adds and activations count 0). Kernels glorotUniform, biases
 * zeros, each seeded from the stream of (seed, layer index); regularizers as Keras' `l1_l2`.
 */
export const dense = defineLayer<DenseSpec>({
  type: 'Dense',
  schema: {
    description: 'keras.layers.Dense: activation(x·kernel + bias) on the last axis.',
    type: 'object',
    additionalProperties: false,
    required: ['type', 'units'],
    properties: {
      type: { const: 'Dense' },
      units: { type: 'integer', minimum: 1, description: 'Number of outputs.' },
      activation: { $ref: '#/definitions/activation', description: "Default linear (no activation): the lab's output layer emits logits." },
      useBias: { type: 'boolean', description: 'Default true.' },
      kernelInitializer: { $ref: '#/definitions/initializer', description: 'Default glorotUniform.' },
      biasInitializer: { $ref: '#/definitions/initializer', description: 'Default zeros.' },
      kernelRegularizer: { $ref: '#/definitions/regularizer' },
      biasRegularizer: { $ref: '#/definitions/regularizer' },
      name: { $ref: '#/definitions/name' },
    },
  },
  problems: (layer) => [...regularizerProblems('kernelRegularizer', layer.kernelRegularizer), ...regularizerProblems('biasRegularizer', layer.biasRegularizer)],
  infer(layer, input, index) {
    const last = input[input.length - 1];
    if (last === undefined) throw mismatch(index, layer.type, input, 'Dense needs an input with at least one axis', { key: 'errCore.shape.denseNoAxis' });
    checkPositive(layer.units, index, 'units');
    const positions = product(input.slice(0, -1));
    const params = checkedProduct([last, layer.units], index) + (layer.useBias === false ? 0 : layer.units);
    return { shape: [...input.slice(0, -1), layer.units], params, flops: checkedProduct([2, positions, last, layer.units], index) };
  },
  build(layer, { index, common, seed }) {
    const rng = layerStream(seed, index);
    const kernelSeed = nextSeed(rng);
    const biasSeed = nextSeed(rng);
    return tfl.layers.dense({
      ...common,
      units: layer.units,
      activation: tfjsActivation(layer.activation ?? 'linear'),
      useBias: layer.useBias ?? true,
      kernelInitializer: initializer(layer.kernelInitializer ?? 'glorotUniform', kernelSeed),
      biasInitializer: initializer(layer.biasInitializer ?? 'zeros', biasSeed),
      ...(layer.kernelRegularizer && { kernelRegularizer: regularizer(layer.kernelRegularizer) }),
      ...(layer.biasRegularizer && { biasRegularizer: regularizer(layer.biasRegularizer) }),
    });
  },
  keras: {
    classNames: ['Dense'],
    import({ config: c, at, issues }) {
      if (!Number.isInteger(c.units)) {
        issues.push({ pointer: `${at}/units`, message: 'Dense needs integer units', params: { code: 'KERAS_DENSE_UNITS' } });
        return undefined;
      }
      const spec: Omit<DenseSpec, 'name'> = { type: 'Dense', units: c.units as number };
      const activation = importActivation(c.activation ?? 'linear', `${at}/activation`, issues);
      if (activation && activation !== 'linear') spec.activation = activation;
      if (c.use_bias === false) spec.useBias = false;
      const kernelInit = importInitializer(c.kernel_initializer, `${at}/kernel_initializer`, issues);
      if (kernelInit && kernelInit !== 'glorotUniform') spec.kernelInitializer = kernelInit;
      const biasInit = importInitializer(c.bias_initializer, `${at}/bias_initializer`, issues);
      if (biasInit && biasInit !== 'zeros') spec.biasInitializer = biasInit;
      const kernelReg = importRegularizer(c.kernel_regularizer, `${at}/kernel_regularizer`, issues);
      if (kernelReg) spec.kernelRegularizer = kernelReg;
      const biasReg = importRegularizer(c.bias_regularizer, `${at}/bias_regularizer`, issues);
      if (biasReg) spec.biasRegularizer = biasReg;
      return spec;
    },
    // Dense(1) followed by Activation('sigmoid') is Dense(1, activation='sigmoid') to Keras.
    foldActivation: (layer, activation) => ((layer.activation ?? 'linear') === 'linear' ? { ...layer, activation } : undefined),
  },
  facts: (layer) => ({
    weightPenalty: hasPenalty(layer.kernelRegularizer) || hasPenalty(layer.biasRegularizer),
    dropsInputs: false,
    activation: layer.activation ?? 'linear',
    changesRank: false,
  }),
});
