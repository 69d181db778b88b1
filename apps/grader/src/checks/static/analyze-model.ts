import { duplicateLayerName, inferShapes, isFitcheckError } from '@fitcheck/core';
import type { LayerSpec, ModelSpec } from '@fitcheck/core';
import { finding } from '../../findings/finding.js';
import type { Finding } from '../../findings/types.js';
import { text, type Text } from '../../messages/text.js';
import type { StaticFacts } from '../facts.js';

export interface StaticAnalysis {
  facts?: StaticFacts;
  /** `error` findings mean the model must not be built. */
  findings: Finding[];
}

/**
 * The checks that run before any training, in well under a second even for huge specs:
 * hyperparameters in range, shapes through every layer (core's `inferShapes`), an output of
 * shape `(None, 1)`, the declared Keras input shape, and the lab's parameter and FLOP budgets.
 */
export function analyzeModel(
  model: string,
  spec: ModelSpec,
  options: {
    budget?: number; flopBudget?: number; declaredInputShape?: number[]; trainSamples?: number;
    /** `file:line:col` of a layer's `name` in the submission, for findings that point at one. */
    layerNameAt?: (index: number) => string | undefined;
  } = {},
): StaticAnalysis {
  const hyper = hyperparameterProblems(spec.layers);
  if (hyper.length > 0) return { findings: hyper.map((detail) => finding('INVALID_HYPERPARAMETER', 'error', { model, detail }, { model })) };

  // Keras refuses a model with two layers of one name; so does fitcheck, for this model only.
  const duplicate = duplicateLayerName(spec.layers);
  if (duplicate) {
    const at = options.layerNameAt?.(duplicate.index) ?? model;
    return { findings: [finding('DUPLICATE_LAYER_NAME', 'error', { model, at, ...duplicate }, { model })] };
  }

  const declared = options.declaredInputShape;
  if (declared && declared.join(',') !== spec.inputShape.join(',')) {
    const detail = text('detail.kerasInput', { declared: declared.join(', '), actual: spec.inputShape.join(', ') });
    return { findings: [finding('SHAPE_MISMATCH', 'error', { model, detail }, { model })] };
  }

  let inferred;
  try {
    inferred = inferShapes(spec);
  } catch (e) {
    // Shapes that do not connect, or counts past 2^53 (a model far over any budget); anything else is a bug.
    if (!isFitcheckError(e) || (e.code !== 'SHAPE_MISMATCH' && e.code !== 'MODEL_TOO_LARGE')) throw e;
    const code = e.code === 'SHAPE_MISMATCH' ? 'SHAPE_MISMATCH' : 'PARAM_BUDGET_EXCEEDED';
    return { findings: [finding(code, 'error', { model, detail: e.message, params: text('detail.hugeParams'), budget: options.budget ?? 0 }, { model })] };
  }
  const last = inferred.layers[inferred.layers.length - 1];
  const outputShape = last?.outputShape ?? inferred.inputShape;
  const findings: Finding[] = [];
  if (outputShape.length !== 2 || outputShape[1] !== 1) {
    const flatten = spec.inputShape.length > 1 && !spec.layers.some((l) => l.type === 'Flatten' || l.type === 'Reshape');
    const detail = text(flatten ? 'detail.outputShapeFlatten' : 'detail.outputShape', { shape: outputShape.map((d) => d ?? 'None').join(', ') });
    findings.push(finding('SHAPE_MISMATCH', 'error', { model, detail }, { model }));
  }
  if (options.budget !== undefined && inferred.totalParams > options.budget) {
    findings.push(finding('PARAM_BUDGET_EXCEEDED', 'error', { model, params: count(inferred.totalParams), budget: count(options.budget) }, { model }));
  } else if (options.flopBudget !== undefined && inferred.flopsPerSample > options.flopBudget) {
    // One budget reason is enough: the parameter budget, when both are exceeded.
    findings.push(finding('FLOP_BUDGET_EXCEEDED', 'error', { model, flops: count(inferred.flopsPerSample), budget: count(options.flopBudget) }, { model }));
  }
  const dense = spec.layers.filter((l) => l.type === 'Dense');
  const facts: StaticFacts = {
    params: inferred.totalParams,
    flopsPerSample: inferred.flopsPerSample,
    flopsPerEpoch: options.trainSamples === undefined ? null : 3 * inferred.flopsPerSample * options.trainSamples,
    layers: inferred.layers,
    outputShape,
    outputActivation: dense[dense.length - 1]?.activation ?? 'linear',
    hasWeightPenalty: dense.some((l) => hasPenalty(l.kernelRegularizer) || hasPenalty(l.biasRegularizer)),
    hasDropout: spec.layers.some((l) => l.type === 'Dropout' && l.rate > 0),
  };
  return { facts, findings };
}

function hasPenalty(r: { l1?: number; l2?: number } | undefined): boolean {
  return (r?.l1 ?? 0) > 0 || (r?.l2 ?? 0) > 0;
}

/** Dropout rate in [0, 1); regularizer factors finite and ≥ 0 (a YAML `.inf` parses as a number). */
function hyperparameterProblems(layers: readonly LayerSpec[]): Text[] {
  const problems: Text[] = [];
  layers.forEach((layer, i) => {
    if (layer.type === 'Dropout' && !(layer.rate >= 0 && layer.rate < 1)) problems.push(text('detail.dropoutRate', { index: i, rate: layer.rate }));
    if (layer.type !== 'Dense') return;
    for (const [which, r] of [['kernelRegularizer', layer.kernelRegularizer], ['biasRegularizer', layer.biasRegularizer]] as const) {
      for (const [k, v] of Object.entries(r ?? {})) {
        if (!Number.isFinite(v) || v < 0) problems.push(text('detail.regularizerFactor', { index: i, which, name: k, value: v }));
      }
    }
  });
  return problems;
}

/** `3,179,521`: parameter counts as Keras prints them. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
