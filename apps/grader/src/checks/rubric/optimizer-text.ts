import type { OptimizerSpec } from '@fitcheck/core';

/**
 * An optimizer as a student wrote it, in Keras' names: `SGD(momentum=0.9, learningRate=ExponentialDecay)`.
 * Only what the spec sets is shown; Keras' defaults fill the rest.
 */
export function optimizerText(spec: OptimizerSpec | undefined): string {
  if (spec === undefined) return '—';
  const { type, learningRate, ...options } = spec;
  const parts = Object.entries(options).map(([k, v]) => `${k}=${String(v)}`);
  if (learningRate !== undefined) parts.push(`learningRate=${typeof learningRate === 'number' ? String(learningRate) : learningRate.type}`);
  return `${type}(${parts.join(', ')})`;
}
