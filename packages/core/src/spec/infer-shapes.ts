import { FitcheckError } from '../errors.js';
import { kerasLayerNames } from './layer-names.js';
import { layerType } from '../layers/index.js';
import type { InferStep } from '../layers/layer-type.js';
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
 * Each layer type's module (`layers/`) gives its rule: e.g. Dense(units) on (None, …, d) is
 * (None, …, units) with d·units + units·[useBias] parameters and 2·d·units forward FLOPs per
 * position of the leading axes; Dropout, Flatten and Reshape have no parameters and no FLOPs.
 * A hyperparameter out of range (a Dropout rate of 1) is a `SHAPE_MISMATCH` too.
 *
 * @throws FitcheckError `SHAPE_MISMATCH` naming the layer index for impossible shapes;
 *   `MODEL_TOO_LARGE` when a count passes 2^53 (where doubles stop counting exactly).
 */
export function inferShapes(spec: ModelSpec): InferredModel {
  const names = kerasLayerNames(spec.layers);
  for (const d of spec.inputShape) {
    if (!Number.isSafeInteger(d) || d < 1) {
      throw new FitcheckError('SHAPE_MISMATCH', `inputShape [${spec.inputShape.join(', ')}] must hold positive integers`, { key: '/inputShape' }, undefined, {
        message: { key: 'errCore.shape.inputShape', params: { shape: spec.inputShape.join(', ') } },
      });
    }
  }
  let shape: number[] = [...spec.inputShape];
  const layers: InferredLayer[] = [];
  for (const [index, layer] of spec.layers.entries()) {
    const step = inferLayer(layer, shape, index);
    shape = step.shape;
    layers.push({ index, name: names[index] ?? layer.type, type: layer.type, outputShape: [null, ...shape], params: step.params, flops: step.flops });
  }
  const totalParams = checkedSum(layers.map((l) => l.params), 'parameter count', 'errCore.shape.parameterCount');
  return {
    name: spec.name ?? 'sequential',
    inputShape: [null, ...spec.inputShape],
    layers,
    totalParams,
    trainableParams: totalParams,
    nonTrainableParams: 0,
    flopsPerSample: checkedSum(layers.map((l) => l.flops), 'FLOP count', 'errCore.shape.flopCount'),
  };
}

/** One layer through its type's module: its hyperparameter rules first, then its shape rule. */
function inferLayer(layer: LayerSpec, input: number[], index: number): InferStep {
  const module = layerType(layer.type);
  const [problem] = module.problems?.(layer) ?? [];
  if (problem) throw new FitcheckError('SHAPE_MISMATCH', `layers[${index}] (${layer.type}): ${problem.message}`, { key: `/layers/${index}${problem.path}` });
  return module.infer(layer, input, index);
}

/** `whatKey`: `what` as a phrase of the grader's locales. */
function checkedSum(values: readonly number[], what: string, whatKey: string): number {
  const s = values.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(s)) {
    throw new FitcheckError('MODEL_TOO_LARGE', `the model's ${what} passes 2^53 and cannot be computed exactly`, {}, undefined, {
      message: { key: 'errCore.shape.tooLarge', params: { what: { key: whatKey } } },
    });
  }
  return s;
}
