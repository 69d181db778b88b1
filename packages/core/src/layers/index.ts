import { discoverModules } from '../files/discover-modules.js';
import { isLayerType, layerFileName, type AnyLayerType, type HyperparameterProblem, type LayerFacts, type LayerSpecs } from './layer-type.js';

/**
 * Every layer type a model spec may hold: what `defineLayer` made in a module of this folder, the
 * file named as the type (`dense.ts`), found when core loads (docs/decisions/0012). The schema's
 * layer definitions (written by `pnpm build`; a test compares `schemas/model-spec.schema.json`),
 * dispatch, shape inference, building, Keras import and the grader's layer facts all come from these.
 */
export const LAYER_TYPES: readonly AnyLayerType[] = await discoverModules(
  new URL('./', import.meta.url),
  (url) => import(url),
  { is: isLayerType, fileOf: (t) => layerFileName(t.type) },
);

/** One layer of a model spec: the spec of one layer type, as its module adds it to {@link LayerSpecs}. */
export type LayerSpec = LayerSpecs[keyof LayerSpecs];
/** A layer's Keras class name: `Dense`, `Dropout`, … */
export type LayerTypeName = LayerSpec['type'];

const byType = new Map<string, AnyLayerType>(LAYER_TYPES.map((t) => [t.type, t]));
const byKerasClass = new Map<string, AnyLayerType>(LAYER_TYPES.flatMap((t) => t.keras.classNames.map((c) => [c, t] as const)));

/** The module of a layer's type. Specs are validated against the schema first, so an unknown type is a caller's bug. */
export function layerType(type: string): AnyLayerType {
  const module = byType.get(type);
  if (!module) throw new Error(`no layer type "${type}" (layer types: ${[...byType.keys()].join(', ')})`);
  return module;
}

/** The module that imports a Keras `class_name`, if any does. */
export function kerasLayerType(className: string): AnyLayerType | undefined {
  return byKerasClass.get(className);
}

/** The Keras class names fitcheck imports, for messages. */
export const KERAS_CLASS_NAMES: readonly string[] = [...byKerasClass.keys()];

/** What the grader reads of one layer: weight penalty, dropout, activation, rank change. */
export function layerFacts(layer: LayerSpec): LayerFacts {
  return layerType(layer.type).facts(layer);
}

/** A layer's hyperparameters out of range (a Dropout rate of 1, a regularizer factor of `.inf`); empty when fine. */
export function layerProblems(layer: LayerSpec): HyperparameterProblem[] {
  return layerType(layer.type).problems?.(layer) ?? [];
}
