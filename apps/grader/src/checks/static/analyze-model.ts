import { duplicateLayerName, inferShapes, isFitcheckError, layerFacts, layerProblems } from '@fitcheck/core';
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
    // Core's words say the shape problem in the reader's language; a problem without them keeps core's English.
    const detail = e.words?.message ? (e.words.message as Text) : e.message;
    return { findings: [finding(code, 'error', { model, detail, params: text('detail.hugeParams'), budget: options.budget ?? 0 }, { model })] };
  }
  // Generic questions of each layer (its type's module answers them), never its type's name.
  const layers = spec.layers.map(layerFacts);
  const last = inferred.layers[inferred.layers.length - 1];
  const outputShape = last?.outputShape ?? inferred.inputShape;
  const findings: Finding[] = [];
  if (outputShape.length !== 2 || outputShape[1] !== 1) {
    const flatten = spec.inputShape.length > 1 && !layers.some((l) => l.changesRank);
    const detail = text(flatten ? 'detail.outputShapeFlatten' : 'detail.outputShape', { shape: outputShape.map((d) => d ?? 'None').join(', ') });
    findings.push(finding('SHAPE_MISMATCH', 'error', { model, detail }, { model }));
  }
  if (options.budget !== undefined && inferred.totalParams > options.budget) {
    findings.push(finding('PARAM_BUDGET_EXCEEDED', 'error', { model, params: inferred.totalParams, budget: options.budget }, { model }));
  } else if (options.flopBudget !== undefined && inferred.flopsPerSample > options.flopBudget) {
    // One budget reason is enough: the parameter budget, when both are exceeded.
    findings.push(finding('FLOP_BUDGET_EXCEEDED', 'error', { model, flops: inferred.flopsPerSample, budget: options.flopBudget }, { model }));
  }
  const facts: StaticFacts = {
    params: inferred.totalParams,
    flopsPerSample: inferred.flopsPerSample,
    flopsPerEpoch: options.trainSamples === undefined ? null : 3 * inferred.flopsPerSample * options.trainSamples,
    layers: inferred.layers,
    outputShape,
    // The activation of the last layer that applies one (a Dropout after the output changes nothing).
    outputActivation: layers.findLast((l) => l.activation !== undefined)?.activation ?? 'linear',
    hasWeightPenalty: layers.some((l) => l.weightPenalty),
    hasDropout: layers.some((l) => l.dropsInputs),
  };
  return { facts, findings };
}

/** Each layer's hyperparameters out of range, by its type's own rules (`layerProblems`), in the reader's language (`detail.<rule>`). */
function hyperparameterProblems(layers: readonly LayerSpec[]): Text[] {
  return layers.flatMap((layer, index) => layerProblems(layer).map((p) => text(`detail.${p.rule}`, { index, ...p.params })));
}

