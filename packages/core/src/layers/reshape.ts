import * as tfl from '@tensorflow/tfjs-layers';
import { isIntList } from './keras-values.js';
import { defineLayer } from './layer-type.js';
import { mismatch, product } from './shapes.js';

declare module './layer-type.js' {
  interface LayerSpecs {
    Reshape: ReshapeSpec;
  }
}

export interface ReshapeSpec {
  type: 'Reshape';
  /** Target shape without the batch dimension; one entry may be -1. */
  targetShape: number[];
  name?: string;
}

/** keras.layers.Reshape: the same elements in a new shape (one -1 inferred). No parameters, no FLOPs. */
export const reshape = defineLayer<ReshapeSpec>({
  type: 'Reshape',
  schema: {
    description: 'keras.layers.Reshape: same elements, new shape.',
    type: 'object',
    additionalProperties: false,
    required: ['type', 'targetShape'],
    properties: {
      type: { const: 'Reshape' },
      targetShape: {
        description: 'Target shape without the batch dimension; one entry may be -1 (inferred).',
        type: 'array',
        minItems: 1,
        items: { type: 'integer', anyOf: [{ minimum: 1 }, { const: -1 }] },
      },
      name: { $ref: '#/definitions/name' },
    },
  },
  infer: (layer, input, index) => ({ shape: reshaped(layer.targetShape, input, index), params: 0, flops: 0 }),
  // Resolved statically: TF.js leaves a -1 in the symbolic shape (it counts the unknown batch axis
  // as unknown), which breaks the next layer's shape inference.
  build: (_layer, { common, outputShape }) => tfl.layers.reshape({ ...common, targetShape: outputShape }),
  keras: {
    classNames: ['Reshape'],
    import({ config, at, issues }) {
      if (isIntList(config.target_shape)) return { type: 'Reshape', targetShape: config.target_shape };
      issues.push({ pointer: `${at}/target_shape`, message: 'Reshape needs target_shape, a list of integers', params: { code: 'KERAS_RESHAPE_TARGET' } });
      return undefined;
    },
  },
  facts: () => ({ weightPenalty: false, dropsInputs: false, changesRank: true }),
});

function reshaped(target: readonly number[], input: number[], index: number): number[] {
  const size = product(input);
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1) throw mismatch(index, 'Reshape', input, `targetShape [${target.join(', ')}] may hold at most one -1`, { key: 'errCore.shape.reshapeTwoUnknowns', params: { target: target.join(', ') } });
  for (const d of target) {
    if (d !== -1 && (!Number.isSafeInteger(d) || d < 1)) {
      throw mismatch(index, 'Reshape', input, `targetShape [${target.join(', ')}] must hold positive integers or one -1`, { key: 'errCore.shape.reshapeBadTarget', params: { target: target.join(', ') } });
    }
  }
  const known = product(target.filter((d) => d !== -1));
  if (unknown === 1) {
    if (size % known !== 0) {
      throw mismatch(index, 'Reshape', input, `cannot reshape ${size} values into [${target.join(', ')}]: ${size} is not a multiple of ${known}`, {
        key: 'errCore.shape.reshapeNotMultiple', params: { size: String(size), target: target.join(', '), known: String(known) },
      });
    }
    return target.map((d) => (d === -1 ? size / known : d));
  }
  if (known !== size) {
    throw mismatch(index, 'Reshape', input, `cannot reshape ${size} values into [${target.join(', ')}] (${known} values)`, {
      key: 'errCore.shape.reshapeSize', params: { size: String(size), target: target.join(', '), known: String(known) },
    });
  }
  return [...target];
}
