import * as tfl from '@tensorflow/tfjs-layers';
import { defineLayer } from './layer-type.js';
import { product } from './shapes.js';

declare module './layer-type.js' {
  interface LayerSpecs {
    Flatten: FlattenSpec;
  }
}

export interface FlattenSpec {
  type: 'Flatten';
  name?: string;
}

/** keras.layers.Flatten: (None, d1, d2, …) → (None, d1·d2·…); (None, d) stays (None, d). No parameters, no FLOPs. */
export const flatten = defineLayer<FlattenSpec>({
  type: 'Flatten',
  schema: {
    description: 'keras.layers.Flatten: (None, d1, d2, …) → (None, d1·d2·…).',
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
      type: { const: 'Flatten' },
      name: { $ref: '#/definitions/name' },
    },
  },
  infer: (_layer, input) => ({ shape: [product(input)], params: 0, flops: 0 }),
  build(_layer, { common, inputRank }) {
    const layer = tfl.layers.flatten(common);
    // Keras flattens (None, d) to itself; TF.js insists on rank ≥ 3, though its batchFlatten handles rank 2.
    if (inputRank === 1) layer.inputSpec = [{ minNDim: 2 }];
    return layer;
  },
  keras: {
    classNames: ['Flatten'],
    import: () => ({ type: 'Flatten' }),
  },
  facts: () => ({ weightPenalty: false, dropsInputs: false, changesRank: true }),
});
