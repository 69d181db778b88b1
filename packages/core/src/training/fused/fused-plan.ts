import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SeededDropout } from '../../model/seeded-dropout.js';
import { AdamWithSchedule } from '../adam-with-schedule.js';
import type { AdamSettings } from '../adam-with-schedule.js';

/** A Dense layer as the fused step runs it: `inputs → units`, ELU or linear, an optional L2 kernel penalty. */
export interface FusedDense {
  kind: 'dense';
  inputs: number;
  units: number;
  elu: boolean;
  /** Keras' `l2` factor of the kernel regularizer; 0 for none. */
  l2: number;
  kernel: tf.Variable;
  bias: tf.Variable;
}

/** A Dropout layer over `width` features, drawing its masks from its own seeded stream. */
export interface FusedDropout {
  kind: 'dropout';
  width: number;
  rate: number;
  layer: SeededDropout;
}

export type FusedLayer = FusedDense | FusedDropout;

/** Everything the fused step trains: the layers in order (the last a Dense(1) emitting logits) and Adam. */
export interface FusedPlan {
  features: number;
  /**
   * Batches of rows not a multiple of 4 run the one-unit layer's forward as XNNPACK does
   * (column-wat.ts), when wasm-internals.ts found the installed XNNPACK computing it that way.
   */
  anyRows: boolean;
  layers: FusedLayer[];
  adam: AdamSettings;
}

export interface FusedPlanInput {
  model: tfl.LayersModel;
  optimizer: unknown;
  /** The training data's shape ([rows, features] for the fused step). */
  shape: readonly number[];
  batchSize: number;
  /** Whether the wasm backend runs fitcheck's kernel engine and the stock functions the loss calls. */
  kernelsReady: boolean;
  /** Whether XNNPACK's one-column product is the one column-wat.ts reproduces (batches of any row count). */
  anyRows: boolean;
}

interface DenseConfig {
  units: number;
  activation: string;
  useBias: boolean;
  kernelRegularizer: { className: string; config: { l1?: number; l2?: number } } | null;
  biasRegularizer: unknown;
  activityRegularizer: unknown;
  kernelConstraint: unknown;
  biasConstraint: unknown;
}

type Refusal = { reason: string };

/** A Dense layer the fused step reproduces to the bit, or why not. */
function denseOf(layer: tfl.layers.Layer, inputs: number, last: boolean): FusedDense | Refusal {
  const c = layer.getConfig() as unknown as DenseConfig;
  if (c.activation !== 'elu' && c.activation !== 'linear') return { reason: `${layer.name}: activation ${c.activation}` };
  if (last && (c.units !== 1 || c.activation !== 'linear')) return { reason: 'the last layer is not Dense(1) emitting logits' };
  if (!c.useBias || c.biasRegularizer || c.activityRegularizer || c.kernelConstraint || c.biasConstraint) {
    return { reason: `${layer.name}: no bias, a bias or activity regularizer, or a constraint` };
  }
  const reg = c.kernelRegularizer;
  if (reg !== null && (reg.className !== 'L1L2' || (reg.config.l1 ?? 0) !== 0)) return { reason: `${layer.name}: an L1 penalty` };
  // fitcheck's GEMM takes products whose N is a multiple of 4 (kernels/matmul-kernel.ts); others go to XNNPACK.
  if (inputs % 4 !== 0 || (!last && c.units % 4 !== 0)) return { reason: `${layer.name}: a width that is not a multiple of 4` };
  const [kernel, bias] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  if (kernel === undefined || bias === undefined) return { reason: `${layer.name}: no trainable kernel or bias` };
  // Data whose width is not the model's: the tape raises TF.js' shape error, as before.
  if (kernel.shape.join() !== `${inputs},${c.units}`) return { reason: `${layer.name}: a kernel of shape [${kernel.shape.join(', ')}] for ${inputs} inputs` };
  return { kind: 'dense', inputs, units: c.units, elu: c.activation === 'elu', l2: reg?.config.l2 ?? 0, kernel, bias };
}

/**
 * Whether `fit` may train this model with the fused step (dense-stack-trainer.ts), and what it trains.
 * It takes exactly what it reproduces to the bit on fitcheck's wasm kernels: a Sequential stack of
 * Dense (ELU or linear, with bias, optional L2 kernel penalty) and Dropout layers ending in Dense(1)
 * logits, Adam (any per-step schedule), 2-D data; batches whose row counts are not multiples of 4
 * only where `anyRows` (the tape's one-unit product is then XNNPACK's, which column-wat.ts repeats). Anything else — another
 * optimizer, layer, activation or backend — trains on TF.js' tape as before.
 */
export function fusedPlan({ model, optimizer, shape, batchSize, kernelsReady, anyRows }: FusedPlanInput): { plan: FusedPlan } | Refusal {
  if (!kernelsReady) return { reason: "fitcheck's wasm kernels are not running" };
  // Not `instanceof`: tf.Optimizer's Symbol.hasInstance takes any object with minimize/applyGradients.
  const isAdam = typeof optimizer === 'object' && optimizer !== null
    && Object.prototype.isPrototypeOf.call(AdamWithSchedule.prototype, optimizer);
  if (!isAdam) return { reason: 'the optimizer is not Adam' };
  const [rows, features, ...rest] = shape;
  if (rows === undefined || features === undefined || rest.length > 0) return { reason: 'the samples are not vectors' };
  if (!anyRows && (batchSize % 4 !== 0 || (rows % batchSize) % 4 !== 0)) return { reason: 'a batch whose rows are not a multiple of 4' };
  const layers: FusedLayer[] = [];
  let width = features;
  for (const [i, layer] of model.layers.entries()) {
    const last = i === model.layers.length - 1;
    if (layer instanceof SeededDropout && !last) {
      if (layer.rate > 0) layers.push({ kind: 'dropout', width, rate: layer.rate, layer });
    } else if (layer.getClassName() === 'Dense') {
      const dense = denseOf(layer, width, last);
      if ('reason' in dense) return dense;
      layers.push(dense);
      width = dense.units;
    } else {
      return { reason: `${layer.name}: a ${layer.getClassName()} layer` };
    }
  }
  if (layers.at(-1)?.kind !== 'dense') return { reason: 'the model does not end in a Dense layer' };
  return { plan: { features, anyRows, layers, adam: (optimizer as AdamWithSchedule).settings() } };
}
