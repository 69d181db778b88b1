import * as tf from '@tensorflow/tfjs-core';
import { FitcheckError } from '../errors.js';
import type { LabeledArrays } from './types.js';

/** Checks the arrays agree with their shape and upload them: x as given, y as `[n, 1]` like the model's output. */
export function toTensors(data: LabeledArrays, role: string): { x: tf.Tensor; y: tf.Tensor2D; n: number } {
  const n = data.shape[0] ?? 0;
  const size = data.shape.reduce((a, b) => a * b, 1);
  if (n === 0 || size !== data.x.length || data.y.length !== n) {
    throw new FitcheckError(
      'BAD_DATA_SHAPE',
      `${role} data: x has ${data.x.length} values and y ${data.y.length} labels, which does not fit shape [${data.shape.join(', ')}]`,
      { key: role },
      'x must hold shape[0] samples of shape.slice(1) and y one label per sample',
    );
  }
  return { x: tf.tensor(data.x, data.shape), y: tf.tensor2d(data.y, [n, 1]), n };
}
