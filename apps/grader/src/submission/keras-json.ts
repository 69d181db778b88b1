import { importActivation, KERAS_CLASS_NAMES, kerasLayerType, layerNameProblem, layerType, typedNumber } from '@fitcheck/core';
import type { KerasIssue, LayerSpec } from '@fitcheck/core';

export { typedNumber };
export type { KerasIssue };

/** A Keras `model.to_json()` document, converted: the layers and the input shape it declares. */
export interface KerasImport {
  layers: LayerSpec[];
  /** From `InputLayer` or a first layer's `batch_input_shape`, without the batch axis. */
  inputShape?: number[];
  name?: string;
}

// Keras' `Activation` layer is no layer type of fitcheck's: it folds into the layer before it.
const SUPPORTED = `${KERAS_CLASS_NAMES.join(', ')}, Activation (after a layer that takes one) and InputLayer`;

type Json = Record<string, unknown>;

/**
 * Converts a Keras 2 or Keras 3 `Sequential.to_json()` document into fitcheck layer specs,
 * keeping Keras names. Regularizer factors saved as float32 (`0.0010000000474974513`) come
 * back as the number the student typed (`0.001`). Never throws: problems are returned.
 */
export function importKerasModel(doc: unknown): { model?: KerasImport; issues: KerasIssue[] } {
  const issues: KerasIssue[] = [];
  if (!isObject(doc) || typeof doc.class_name !== 'string') {
    return { issues: [{ pointer: '', message: 'not a Keras model.to_json() document: no "class_name"', params: { code: 'KERAS_NO_CLASS' } }] };
  }
  if (doc.class_name !== 'Sequential') {
    return { issues: [{ pointer: '/class_name', message: `only Sequential models can be graded, got "${doc.class_name}"`, params: { code: 'KERAS_NOT_SEQUENTIAL', got: doc.class_name } }] };
  }
  // Keras ≤ 2.2 saved the layer list as `config` itself; later versions as `config.layers`.
  const config = doc.config;
  const listPointer = Array.isArray(config) ? '/config' : '/config/layers';
  const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(list)) return { issues: [{ pointer: '/config', message: 'the Sequential config holds no "layers" list', params: { code: 'KERAS_NO_LAYERS' } }] };

  const layers: LayerSpec[] = [];
  let inputShape: number[] | undefined;
  for (const [i, raw] of list.entries()) {
    const at = `${listPointer}/${i}`;
    if (!isObject(raw) || typeof raw.class_name !== 'string' || !isObject(raw.config)) {
      issues.push({ pointer: at, message: `layers[${i}] is not a Keras layer ({ class_name, config })`, params: { code: 'KERAS_NOT_LAYER', index: String(i) } });
      continue;
    }
    const c = raw.config;
    const shape = batchShape(c);
    if (shape) inputShape ??= shape;
    const name = typeof c.name === 'string' ? { name: c.name } : {};
    const nameProblem = name.name === undefined ? undefined : layerNameProblem(name.name);
    if (nameProblem !== undefined) issues.push({ pointer: `${at}/config/name`, message: `layers[${i}].name ${JSON.stringify(name.name)} ${nameProblem}`, params: { code: 'KERAS_LAYER_NAME', index: String(i), name: name.name ?? '' } });
    if (raw.class_name === 'InputLayer') {
      if (!shape) issues.push({ pointer: `${at}/config`, message: 'InputLayer without batch_shape / batch_input_shape', params: { code: 'KERAS_NO_INPUT_SHAPE' } });
      continue;
    }
    if (raw.class_name === 'Activation') {
      // Dense(1) followed by Activation('sigmoid') is Dense(1, activation='sigmoid') to Keras: the layer before says whether it folds.
      const previous = layers[layers.length - 1];
      const activation = importActivation(c.activation, `${at}/config/activation`, issues);
      const folded = previous && activation ? layerType(previous.type).keras.foldActivation?.(previous, activation) : undefined;
      if (folded) layers[layers.length - 1] = folded as LayerSpec;
      else if (activation) issues.push({ pointer: `${at}/class_name`, message: `layers[${i}]: an Activation layer is supported only right after a layer without activation that takes one (Dense)`, params: { code: 'KERAS_ACTIVATION_PLACE', index: String(i) } });
      continue;
    }
    const module = kerasLayerType(raw.class_name);
    if (!module) {
      issues.push({ pointer: `${at}/class_name`, message: `layers[${i}]: unsupported Keras layer "${raw.class_name}"; fitcheck grades ${SUPPORTED}`, params: { code: 'KERAS_UNSUPPORTED', index: String(i), got: raw.class_name, supported: [...KERAS_CLASS_NAMES] } });
      continue;
    }
    const spec = module.keras.import({ config: c, at: `${at}/config`, issues });
    if (spec) layers.push({ ...spec, ...name } as LayerSpec);
  }
  const modelName = isObject(config) && typeof config.name === 'string' ? { name: config.name } : {};
  const modelNameProblem = modelName.name === undefined ? undefined : layerNameProblem(modelName.name);
  if (modelNameProblem !== undefined) issues.push({ pointer: '/config/name', message: `the model's name ${JSON.stringify(modelName.name)} ${modelNameProblem}`, params: { code: 'KERAS_MODEL_NAME', name: modelName.name ?? '' } });
  return { model: { layers, ...(inputShape ? { inputShape } : {}), ...modelName }, issues };
}

function batchShape(c: Json): number[] | undefined {
  const shape = c.batch_shape ?? c.batch_input_shape;
  if (!Array.isArray(shape) || shape.length < 2) return undefined;
  const rest = shape.slice(1);
  return isIntList(rest) ? rest : undefined;
}

function isIntList(v: unknown): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.every((d) => Number.isInteger(d));
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
