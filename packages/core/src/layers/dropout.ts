import { SeededDropout } from '../model/seeded-dropout.js';
import { dropoutRateProblem } from './dropout-rate.js';
import { defineLayer } from './layer-type.js';

declare module './layer-type.js' {
  interface LayerSpecs {
    Dropout: DropoutSpec;
  }
}

export interface DropoutSpec {
  type: 'Dropout';
  /** Fraction of inputs dropped while training, in [0, 1). Inverted dropout, as in Keras. */
  rate: number;
  name?: string;
}

/** keras.layers.Dropout: same shape, no parameters, no FLOPs; built as {@link SeededDropout} (seeded masks). */
export const dropout = defineLayer<DropoutSpec>({
  type: 'Dropout',
  schema: {
    description: 'keras.layers.Dropout: inverted dropout, zeroes a fraction `rate` of inputs and scales the rest by 1/(1-rate) while training; identity at inference.',
    type: 'object',
    additionalProperties: false,
    required: ['type', 'rate'],
    properties: {
      type: { const: 'Dropout' },
      rate: { type: 'number', minimum: 0, exclusiveMaximum: 1, description: 'Fraction dropped, in [0, 1), e.g. 0.5.' },
      name: { $ref: '#/definitions/name' },
    },
  },
  problems: (layer) => {
    const problem = dropoutRateProblem(layer.rate);
    return problem ? [problem] : [];
  },
  infer: (_layer, input) => ({ shape: input, params: 0, flops: 0 }),
  build: (layer, { index, common, seed }) => new SeededDropout({ ...common, rate: layer.rate, seed, layerIndex: index }),
  keras: {
    classNames: ['Dropout'],
    import({ config, at, issues }) {
      if (typeof config.rate === 'number') return { type: 'Dropout', rate: config.rate };
      issues.push({ pointer: `${at}/rate`, message: 'Dropout needs a numeric rate', params: { code: 'KERAS_DROPOUT_RATE' } });
      return undefined;
    },
  },
  facts: (layer) => ({ weightPenalty: false, dropsInputs: layer.rate > 0, changesRank: false }),
});
