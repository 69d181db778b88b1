import * as tfl from '@tensorflow/tfjs-layers';
import { inferShapes } from '../spec/infer-shapes.js';
import type { DenseSpec, Initializer, LayerSpec, RegularizerSpec, ModelSpec } from '../spec/types.js';
import { tfjsActivation } from './activations.js';
import { SeededDropout } from './seeded-dropout.js';
import { layerStream, nextSeed } from './seed-streams.js';

export interface BuildModelOptions {
  /** Fixes every initializer and dropout mask: the same seed builds the same model. */
  seed: number;
}

type TfInitializer = ReturnType<typeof tfl.initializers.zeros>;
type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/**
 * A TF.js Sequential model for a spec, with Keras' names and defaults: Dense kernels
 * glorotUniform, biases zeros, regularizers as `l1_l2` (l1·Σ|w| + l2·Σw²), Dropout as
 * {@link SeededDropout}. Layer i's initializers are seeded from the stream of (seed, i),
 * so builds are deterministic. The output layer emits whatever the spec says (logits in Lab 5).
 *
 * @throws FitcheckError `SHAPE_MISMATCH` / `INVALID_MODEL_SPEC` as {@link inferShapes}.
 */
export function buildModel(spec: ModelSpec, options: BuildModelOptions): tfl.Sequential {
  const inferred = inferShapes(spec);
  const model = tfl.sequential({ name: inferred.name });
  let inputRank = spec.inputShape.length;
  spec.layers.forEach((layer, index) => {
    const common: LayerArgs = { name: inferred.layers[index]?.name ?? layer.type };
    if (index === 0) common.inputShape = [...spec.inputShape];
    const outputShape = inferred.layers[index]?.outputShape.slice(1) as number[];
    model.add(buildLayer(layer, index, { inputRank, outputShape, common, seed: options.seed }));
    inputRank = outputShape.length;
  });
  return model;
}

interface LayerContext {
  /** Rank of one input sample (without batch). */
  inputRank: number;
  /** Statically inferred output shape of one sample. */
  outputShape: number[];
  common: LayerArgs;
  seed: number;
}

function buildLayer(layer: LayerSpec, index: number, { inputRank, outputShape, common, seed }: LayerContext): tfl.layers.Layer {
  switch (layer.type) {
    case 'Dense':
      return dense(layer, index, common, seed);
    case 'Dropout':
      return new SeededDropout({ ...common, rate: layer.rate, seed, layerIndex: index });
    case 'Flatten': {
      const flatten = tfl.layers.flatten(common);
      // Keras flattens (None, d) to itself; TF.js insists on rank ≥ 3, though its batchFlatten handles rank 2.
      if (inputRank === 1) flatten.inputSpec = [{ minNDim: 2 }];
      return flatten;
    }
    case 'Reshape':
      // Resolved statically: TF.js leaves a -1 in the symbolic shape (it counts the unknown batch
      // axis as unknown), which breaks the next layer's shape inference.
      return tfl.layers.reshape({ ...common, targetShape: outputShape });
  }
}

function dense(layer: DenseSpec, index: number, common: LayerArgs, seed: number): tfl.layers.Layer {
  const rng = layerStream(seed, index);
  const kernelSeed = nextSeed(rng);
  const biasSeed = nextSeed(rng);
  return tfl.layers.dense({
    ...common,
    units: layer.units,
    activation: tfjsActivation(layer.activation ?? 'linear'),
    useBias: layer.useBias ?? true,
    kernelInitializer: initializer(layer.kernelInitializer ?? 'glorotUniform', kernelSeed),
    biasInitializer: initializer(layer.biasInitializer ?? 'zeros', biasSeed),
    ...(layer.kernelRegularizer && { kernelRegularizer: regularizer(layer.kernelRegularizer) }),
    ...(layer.biasRegularizer && { biasRegularizer: regularizer(layer.biasRegularizer) }),
  });
}

function initializer(name: Initializer, seed: number): TfInitializer {
  const init = tfl.initializers;
  switch (name) {
    case 'glorotUniform': return init.glorotUniform({ seed });
    case 'glorotNormal': return init.glorotNormal({ seed });
    case 'heUniform': return init.heUniform({ seed });
    case 'heNormal': return init.heNormal({ seed });
    case 'lecunUniform': return init.leCunUniform({ seed });
    case 'lecunNormal': return init.leCunNormal({ seed });
    case 'zeros': return init.zeros();
    case 'ones': return init.ones();
  }
}

// TF.js' l1l2 defaults both factors to 0.01; Keras' l2(x) means l1 = 0.
function regularizer(spec: RegularizerSpec): ReturnType<typeof tfl.regularizers.l1l2> {
  return tfl.regularizers.l1l2({ l1: spec.l1 ?? 0, l2: spec.l2 ?? 0 });
}
