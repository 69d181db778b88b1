import * as tf from '@tensorflow/tfjs-core';
import type { ScheduledOptimizer } from './types.js';

let count = 0;

/**
 * Runs `optimizer` on one variable of `start` values, feeding it `gradients` one step each, and
 * returns the variable's values after every step (float32, as TF.js keeps them).
 */
export function stepsOf(optimizer: ScheduledOptimizer, start: number[], gradients: number[][]): number[][] {
  const w = tf.variable(tf.tensor1d(start), true, `optimizer-test-${count++}`);
  const after: number[][] = [];
  for (const g of gradients) {
    const grad = tf.tensor1d(g);
    optimizer.applyGradients([{ name: w.name, tensor: grad }]);
    grad.dispose();
    after.push(Array.from(w.dataSync()));
  }
  optimizer.dispose();
  w.dispose();
  return after;
}
