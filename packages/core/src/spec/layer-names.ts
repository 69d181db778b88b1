import { FitcheckError } from '../errors.js';
import { validatorFor } from '../config/validator.js';
import { modelSpecSchema } from './schema.js';
import type { LayerSpec } from './types.js';

/**
 * Why `name` cannot name a layer or a model, or undefined when it can. The rule is the model
 * schema's own `definitions.name` (what a YAML model is validated against), so a name from a
 * Keras `to_json()` document (Keras 3 allows `hidden layer 1`; TF.js refuses it as a tensor name)
 * is refused up front by the same rule, never at training time.
 */
export function layerNameProblem(name: string): string | undefined {
  const definitions = modelSpecSchema().definitions as Record<string, object>;
  const validate = validatorFor(definitions.name as object);
  return validate(name) ? undefined : (validate.errors?.[0]?.message ?? 'is not a valid name');
}

/** Keras' `to_snake_case`, its automatic name prefix: `Dense` → `dense`, `GlobalAveragePooling2D` → `global_average_pooling2d`. */
export function snakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The names Keras gives these layers in a fresh session: an explicit `name` as written, else
 * the snake-case class name, then `_1`, `_2`, … for later layers of the same class (only
 * unnamed layers advance the counter). Duplicate names are an error, as in Keras' Sequential
 * ("All layer names should be unique").
 * @throws FitcheckError `DUPLICATE_LAYER_NAME` at the second layer's `name` (`/layers/<i>/name`).
 */
export function kerasLayerNames(layers: readonly LayerSpec[]): string[] {
  const names = automaticNames(layers);
  const duplicate = firstDuplicate(names);
  if (duplicate) {
    const { index, first, name } = duplicate;
    throw new FitcheckError(
      'DUPLICATE_LAYER_NAME',
      `layers[${index}] is named "${name}", like layers[${first}]; all layer names in a model should be unique`,
      { key: `/layers/${index}/name` },
      'rename one of them, or drop its name (Keras then names it dense, dense_1, …)',
      {
        message: { key: 'errCore.shape.duplicateName', params: { index: String(index), name, first: String(first) } },
        hint: { key: 'errCore.shape.duplicateNameFix' },
      },
    );
  }
  return names;
}

/** The first layer whose Keras name an earlier layer already has: its index, the earlier one's, and the name. */
export function duplicateLayerName(layers: readonly LayerSpec[]): { index: number; first: number; name: string } | undefined {
  return firstDuplicate(automaticNames(layers));
}

function automaticNames(layers: readonly LayerSpec[]): string[] {
  const counters = new Map<string, number>();
  return layers.map((layer) => {
    if (layer.name !== undefined) return layer.name;
    const prefix = snakeCase(layer.type);
    const n = counters.get(prefix) ?? 0;
    counters.set(prefix, n + 1);
    return n === 0 ? prefix : `${prefix}_${n}`;
  });
}

function firstDuplicate(names: readonly string[]): { index: number; first: number; name: string } | undefined {
  const seen = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    const first = seen.get(name);
    if (first !== undefined) return { index, first, name };
    seen.set(name, index);
  }
  return undefined;
}
