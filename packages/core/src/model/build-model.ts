import * as tfl from '@tensorflow/tfjs-layers';
import { layerType } from '../layers/index.js';
import type { BuildContext } from '../layers/layer-type.js';
import { inferShapes } from '../spec/infer-shapes.js';
import type { ModelSpec } from '../spec/types.js';

export interface BuildModelOptions {
  /** Fixes every initializer and dropout mask: the same seed builds the same model. */
  seed: number;
}

/**
 * A TF.js Sequential model for a spec, with Keras' names and defaults, each layer built by its
 * type's module (`layers/`: Dense kernels glorotUniform, biases zeros, regularizers as `l1_l2`,
 * Dropout as `SeededDropout`). Layer i's initializers are seeded from the stream of (seed, i),
 * so builds are deterministic. The output layer emits whatever the spec says (logits in Lab 5).
 *
 * @throws FitcheckError `SHAPE_MISMATCH` / `INVALID_MODEL_SPEC` as {@link inferShapes}.
 */
export function buildModel(spec: ModelSpec, options: BuildModelOptions): tfl.Sequential {
  const inferred = inferShapes(spec);
  const model = tfl.sequential({ name: inferred.name });
  let inputRank = spec.inputShape.length;
  spec.layers.forEach((layer, index) => {
    const common: BuildContext['common'] = { name: inferred.layers[index]?.name ?? layer.type };
    if (index === 0) common.inputShape = [...spec.inputShape];
    const outputShape = inferred.layers[index]?.outputShape.slice(1) as number[];
    model.add(layerType(layer.type).build(layer, { index, inputRank, outputShape, common, seed: options.seed }));
    inputRank = outputShape.length;
  });
  return model;
}
