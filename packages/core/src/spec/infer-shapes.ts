import { FitcheckError } from '../errors.js';
import { kerasLayerNames } from './layer-names.js';
import type { LayerSpec, LayerType, ModelSpec } from './types.js';

/** A shape with the batch dimension first, `null` where Keras prints `None`. */
export type Shape = (number | null)[];

export interface InferredLayer {
  index: number;
  /** Keras name: the spec's `name`, else `dense`, `dense_1`, `dropout`, … */
  name: string;
  type: LayerType;
  /** With the batch dimension: `[null, 512]`. */
  outputShape: Shape;
  /** Trainable weights; Dense: in·units (+ units with bias). */
  params: number;
  /** Forward FLOPs per sample (see {@link inferShapes}). */
  flops: number;
}

export interface InferredModel {
  name: string;
  inputShape: Shape;
  layers: InferredLayer[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Forward FLOPs per sample, summed over layers. */
  flopsPerSample: number;
}

/**
 * Output shapes, parameter counts and FLOPs of a model spec, computed from shapes alone (no
 * TensorFlow, nothing allocated), so it is instant even for 10^12-parameter specs.
 *
 * - Dense(units) on (None, …, d): output (None, …, units), applied to the last axis as in
 *   Keras; params = d·units + units·[useBias].
 * - FLOPs per sample, forward only: Dense = 2·d·units per position of the leading axes (one
 *   multiply and one add per weight); bias adds, activations, Dropout, Flatten, Reshape count 0.
 * - Flatten of (None, d) is (None, d); Reshape keeps the element count, one -1 is inferred.
 *
 * @throws FitcheckError `SHAPE_MISMATCH` naming the layer index for impossible shapes;
 *   `MODEL_TOO_LARGE` when a count passes 2^53 (where doubles stop counting exactly).
 */
export function inferShapes(spec: ModelSpec): InferredModel {
  const names = kerasLayerNames(spec.layers);
  for (const d of spec.inputShape) {
    if (!Number.isSafeInteger(d) || d < 1) {
      throw new FitcheckError('SHAPE_MISMATCH', `inputShape [${spec.inputShape.join(', ')}] must hold positive integers`, { key: '/inputShape' });
    }
  }
  let shape: number[] = [...spec.inputShape];
  const layers: InferredLayer[] = [];
  for (const [index, layer] of spec.layers.entries()) {
    const step = inferLayer(layer, shape, index);
    shape = step.shape;
    layers.push({ index, name: names[index] ?? layer.type, type: layer.type, outputShape: [null, ...shape], params: step.params, flops: step.flops });
  }
  const totalParams = checkedSum(layers.map((l) => l.params), 'parameter count');
  return {
    name: spec.name ?? 'sequential',
    inputShape: [null, ...spec.inputShape],
    layers,
    totalParams,
    trainableParams: totalParams,
    nonTrainableParams: 0,
    flopsPerSample: checkedSum(layers.map((l) => l.flops), 'FLOP count'),
  };
}

interface LayerStep {
  shape: number[];
  params: number;
  flops: number;
}

function inferLayer(layer: LayerSpec, input: number[], index: number): LayerStep {
  switch (layer.type) {
    case 'Dense': {
      const last = input[input.length - 1];
      if (last === undefined) throw mismatch(index, layer.type, input, 'Dense needs an input with at least one axis');
      checkPositive(layer.units, index, 'units');
      const positions = product(input.slice(0, -1));
      const params = checkedProduct([last, layer.units], index) + (layer.useBias === false ? 0 : layer.units);
      return { shape: [...input.slice(0, -1), layer.units], params, flops: checkedProduct([2, positions, last, layer.units], index) };
    }
    case 'Dropout':
      if (!(layer.rate >= 0 && layer.rate < 1)) {
        throw new FitcheckError('SHAPE_MISMATCH', `layers[${index}] (Dropout): rate ${layer.rate} must be in [0, 1)`, { key: `/layers/${index}/rate` });
      }
      return { shape: input, params: 0, flops: 0 };
    case 'Flatten':
      return { shape: [product(input)], params: 0, flops: 0 };
    case 'Reshape':
      return { shape: reshape(layer.targetShape, input, index), params: 0, flops: 0 };
  }
}

function reshape(target: readonly number[], input: number[], index: number): number[] {
  const size = product(input);
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1) throw mismatch(index, 'Reshape', input, `targetShape [${target.join(', ')}] may hold at most one -1`);
  for (const d of target) {
    if (d !== -1 && (!Number.isSafeInteger(d) || d < 1)) {
      throw mismatch(index, 'Reshape', input, `targetShape [${target.join(', ')}] must hold positive integers or one -1`);
    }
  }
  const known = product(target.filter((d) => d !== -1));
  if (unknown === 1) {
    if (size % known !== 0) {
      throw mismatch(index, 'Reshape', input, `cannot reshape ${size} values into [${target.join(', ')}]: ${size} is not a multiple of ${known}`);
    }
    return target.map((d) => (d === -1 ? size / known : d));
  }
  if (known !== size) {
    throw mismatch(index, 'Reshape', input, `cannot reshape ${size} values into [${target.join(', ')}] (${known} values)`);
  }
  return [...target];
}

function mismatch(index: number, type: LayerType, input: readonly number[], why: string): FitcheckError {
  return new FitcheckError(
    'SHAPE_MISMATCH',
    `layers[${index}] (${type}) on input (None, ${input.join(', ')}): ${why}`,
    { key: `/layers/${index}` },
  );
}

function checkPositive(n: number, index: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new FitcheckError('SHAPE_MISMATCH', `layers[${index}]: ${what} must be a positive integer, got ${n}`, { key: `/layers/${index}/${what}` });
  }
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function checkedProduct(factors: readonly number[], index: number): number {
  const p = product(factors);
  if (!Number.isSafeInteger(p)) {
    throw new FitcheckError('MODEL_TOO_LARGE', `layers[${index}]: a count passes 2^53 and cannot be computed exactly`, { key: `/layers/${index}` });
  }
  return p;
}

function checkedSum(values: readonly number[], what: string): number {
  const s = values.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(s)) throw new FitcheckError('MODEL_TOO_LARGE', `the model's ${what} passes 2^53 and cannot be computed exactly`);
  return s;
}
