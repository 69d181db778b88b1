import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { seededGenerator } from '../random/seeded-permutation.js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { LabeledArrays } from './types.js';

/** A small learnable problem: label = 1 when a fixed linear score of the features is positive. */
export function linearlySeparable(n: number, features: number, seed: number): LabeledArrays {
  const rng = seededGenerator(seed);
  const x = new Float32Array(n * features);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let score = 0;
    for (let j = 0; j < features; j++) {
      const v = uniformFloat64(rng) * 2 - 1;
      x[i * features + j] = v;
      score += v * (j % 2 === 0 ? 1 : -0.5);
    }
    y[i] = score > 0 ? 1 : 0;
  }
  return { x, y, shape: [n, features] };
}

/** Dense(hidden, elu) → Dense(1) with seeded glorot init, built straight with tfjs-layers. */
export function tinyMlp(features: number, hidden: number, seed: number, l2?: number): tfl.Sequential {
  const kernelRegularizer = l2 ? tfl.regularizers.l2({ l2 }) : undefined;
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [features], units: hidden, activation: 'elu', kernelInitializer: tfl.initializers.glorotUniform({ seed }), kernelRegularizer }),
      tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
}

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}
