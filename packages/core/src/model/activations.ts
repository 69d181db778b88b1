import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Activation } from '../spec/types.js';

/** Keras 3's default negative slope of `keras.activations.leaky_relu` (the LeakyReLU *layer* defaults to 0.3). */
export const LEAKY_RELU_SLOPE = 0.2;

/**
 * `leakyRelu` as a TF.js activation: max(x, 0.2·x). TF.js has no such activation name
 * (only a LeakyReLU layer), so it is registered under that name for Dense to look up.
 */
export class LeakyReluActivation extends tf.serialization.Serializable {
  static readonly className = 'leakyRelu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(x, LEAKY_RELU_SLOPE);
  }
  getConfig(): tf.serialization.ConfigDict {
    return {};
  }
}
tf.serialization.registerClass(LeakyReluActivation);

type DenseActivation = NonNullable<Parameters<typeof tfl.layers.dense>[0]['activation']>;

/**
 * The TF.js activation identifier for a spec activation. All but `leakyRelu` are TF.js
 * built-ins with Keras' definitions (`gelu` is the exact erf form, Keras 3's default).
 */
export function tfjsActivation(activation: Activation): DenseActivation {
  // leakyRelu is registered above; TF.js types list only its built-in names.
  return activation as DenseActivation;
}
