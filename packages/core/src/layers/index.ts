import { dense } from './dense.js';
import { dropout } from './dropout.js';
import { flatten } from './flatten.js';
import type { AnyLayerType, HyperparameterProblem, LayerFacts, LayerType } from './layer-type.js';
import { reshape } from './reshape.js';

/**
 * Every layer type a model spec may hold, one module each. The spec union (`LayerSpec`), the
 * schema's `type` enum and dispatch (a test compares `schemas/model-spec.schema.json`), shape
 * inference, building, Keras import and the grader's layer facts all come from this list.
 */
export const LAYER_TYPES = [dense, dropout, flatten, reshape] as const;

type SpecOf<T> = T extends LayerType<infer S> ? S : never;
/** One layer of a model spec: the spec of one of {@link LAYER_TYPES}. */
export type LayerSpec = SpecOf<(typeof LAYER_TYPES)[number]>;
/** A layer's Keras class name: `Dense`, `Dropout`, … */
export type LayerTypeName = LayerSpec['type'];

const byType = new Map<string, AnyLayerType>(LAYER_TYPES.map((t) => [t.type, t as unknown as AnyLayerType]));
const byKerasClass = new Map<string, AnyLayerType>(LAYER_TYPES.flatMap((t) => t.keras.classNames.map((c) => [c, t as unknown as AnyLayerType] as const)));

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
