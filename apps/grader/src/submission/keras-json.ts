import { layerNameProblem } from '@fitcheck/core';
import type { Activation, DenseSpec, Initializer, LayerSpec, RegularizerSpec } from '@fitcheck/core';

/** A Keras `model.to_json()` document, converted: the layers and the input shape it declares. */
export interface KerasImport {
  layers: LayerSpec[];
  /** From `InputLayer` or a first layer's `batch_input_shape`, without the batch axis. */
  inputShape?: number[];
  name?: string;
}

/** A conversion problem at a JSON pointer into the Keras document. */
export interface KerasIssue {
  pointer: string;
  message: string;
}

const SUPPORTED = 'Dense, Dropout, Flatten, Reshape, Activation (after a Dense) and InputLayer';

const ACTIVATIONS: Record<string, Activation> = {
  linear: 'linear', relu: 'relu', elu: 'elu', selu: 'selu', sigmoid: 'sigmoid', tanh: 'tanh',
  softplus: 'softplus', gelu: 'gelu', leaky_relu: 'leakyRelu',
};

const INITIALIZERS: Record<string, Initializer> = {
  GlorotUniform: 'glorotUniform', GlorotNormal: 'glorotNormal', HeUniform: 'heUniform', HeNormal: 'heNormal',
  LecunUniform: 'lecunUniform', LecunNormal: 'lecunNormal', Zeros: 'zeros', Ones: 'ones',
  glorot_uniform: 'glorotUniform', glorot_normal: 'glorotNormal', he_uniform: 'heUniform', he_normal: 'heNormal',
  lecun_uniform: 'lecunUniform', lecun_normal: 'lecunNormal', zeros: 'zeros', ones: 'ones',
};

type Json = Record<string, unknown>;

/**
 * Converts a Keras 2 or Keras 3 `Sequential.to_json()` document into fitcheck layer specs,
 * keeping Keras names. Regularizer factors saved as float32 (`0.0010000000474974513`) come
 * back as the number the student typed (`0.001`). Never throws: problems are returned.
 */
export function importKerasModel(doc: unknown): { model?: KerasImport; issues: KerasIssue[] } {
  const issues: KerasIssue[] = [];
  if (!isObject(doc) || typeof doc.class_name !== 'string') {
    return { issues: [{ pointer: '', message: 'not a Keras model.to_json() document: no "class_name"' }] };
  }
  if (doc.class_name !== 'Sequential') {
    return { issues: [{ pointer: '/class_name', message: `only Sequential models can be graded, got "${doc.class_name}"` }] };
  }
  // Keras ≤ 2.2 saved the layer list as `config` itself; later versions as `config.layers`.
  const config = doc.config;
  const listPointer = Array.isArray(config) ? '/config' : '/config/layers';
  const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(list)) return { issues: [{ pointer: '/config', message: 'the Sequential config holds no "layers" list' }] };

  const layers: LayerSpec[] = [];
  let inputShape: number[] | undefined;
  for (const [i, raw] of list.entries()) {
    const at = `${listPointer}/${i}`;
    if (!isObject(raw) || typeof raw.class_name !== 'string' || !isObject(raw.config)) {
      issues.push({ pointer: at, message: `layers[${i}] is not a Keras layer ({ class_name, config })` });
      continue;
    }
    const c = raw.config;
    const shape = batchShape(c);
    if (shape) inputShape ??= shape;
    const name = typeof c.name === 'string' ? { name: c.name } : {};
    const nameProblem = name.name === undefined ? undefined : layerNameProblem(name.name);
    if (nameProblem !== undefined) issues.push({ pointer: `${at}/config/name`, message: `layers[${i}].name ${JSON.stringify(name.name)} ${nameProblem}` });
    switch (raw.class_name) {
      case 'InputLayer':
        if (!shape) issues.push({ pointer: `${at}/config`, message: 'InputLayer without batch_shape / batch_input_shape' });
        break;
      case 'Dense': {
        const dense = importDense(c, `${at}/config`, issues);
        if (dense) layers.push({ ...dense, ...name });
        break;
      }
      case 'Dropout':
        if (typeof c.rate !== 'number') issues.push({ pointer: `${at}/config/rate`, message: 'Dropout needs a numeric rate' });
        else layers.push({ type: 'Dropout', rate: c.rate, ...name });
        break;
      case 'Flatten':
        layers.push({ type: 'Flatten', ...name });
        break;
      case 'Reshape':
        if (!isIntList(c.target_shape)) issues.push({ pointer: `${at}/config/target_shape`, message: 'Reshape needs target_shape, a list of integers' });
        else layers.push({ type: 'Reshape', targetShape: c.target_shape, ...name });
        break;
      case 'Activation': {
        // Dense(1) followed by Activation('sigmoid') is Dense(1, activation='sigmoid') to Keras.
        const previous = layers[layers.length - 1];
        const activation = importActivation(c.activation, `${at}/config/activation`, issues);
        if (previous?.type === 'Dense' && (previous.activation ?? 'linear') === 'linear') {
          if (activation) previous.activation = activation;
        } else {
          issues.push({ pointer: `${at}/class_name`, message: `layers[${i}]: an Activation layer is supported only right after a Dense layer without activation` });
        }
        break;
      }
      default:
        issues.push({ pointer: `${at}/class_name`, message: `layers[${i}]: unsupported Keras layer "${raw.class_name}"; fitcheck grades ${SUPPORTED}` });
    }
  }
  const modelName = isObject(config) && typeof config.name === 'string' ? { name: config.name } : {};
  const modelNameProblem = modelName.name === undefined ? undefined : layerNameProblem(modelName.name);
  if (modelNameProblem !== undefined) issues.push({ pointer: '/config/name', message: `the model's name ${JSON.stringify(modelName.name)} ${modelNameProblem}` });
  return { model: { layers, ...(inputShape ? { inputShape } : {}), ...modelName }, issues };
}

function importDense(c: Json, at: string, issues: KerasIssue[]): DenseSpec | undefined {
  if (!Number.isInteger(c.units)) {
    issues.push({ pointer: `${at}/units`, message: 'Dense needs integer units' });
    return undefined;
  }
  const dense: DenseSpec = { type: 'Dense', units: c.units as number };
  const activation = importActivation(c.activation ?? 'linear', `${at}/activation`, issues);
  if (activation && activation !== 'linear') dense.activation = activation;
  if (c.use_bias === false) dense.useBias = false;
  const kernelInit = importInitializer(c.kernel_initializer, `${at}/kernel_initializer`, issues);
  if (kernelInit && kernelInit !== 'glorotUniform') dense.kernelInitializer = kernelInit;
  const biasInit = importInitializer(c.bias_initializer, `${at}/bias_initializer`, issues);
  if (biasInit && biasInit !== 'zeros') dense.biasInitializer = biasInit;
  const kernelReg = importRegularizer(c.kernel_regularizer, `${at}/kernel_regularizer`, issues);
  if (kernelReg) dense.kernelRegularizer = kernelReg;
  const biasReg = importRegularizer(c.bias_regularizer, `${at}/bias_regularizer`, issues);
  if (biasReg) dense.biasRegularizer = biasReg;
  return dense;
}

function importActivation(value: unknown, at: string, issues: KerasIssue[]): Activation | undefined {
  const key = typeof value === 'string' ? value : isObject(value) && typeof value.class_name === 'string' ? value.class_name : undefined;
  const activation = key === undefined ? undefined : ACTIVATIONS[key];
  if (!activation) issues.push({ pointer: at, message: `unsupported activation ${JSON.stringify(key ?? value)}; fitcheck knows ${Object.keys(ACTIVATIONS).join(', ')}` });
  return activation;
}

function importInitializer(value: unknown, at: string, issues: KerasIssue[]): Initializer | undefined {
  if (value === undefined || value === null) return undefined;
  const key = typeof value === 'string' ? value : isObject(value) && typeof value.class_name === 'string' ? value.class_name : undefined;
  const initializer = key === undefined ? undefined : INITIALIZERS[key];
  if (!initializer) issues.push({ pointer: at, message: `unsupported initializer ${JSON.stringify(key ?? value)}` });
  return initializer;
}

/** Keras `L1`, `L2`, `L1L2` (and their snake-case aliases) → `{ l1?, l2? }`; zero factors dropped. */
function importRegularizer(value: unknown, at: string, issues: KerasIssue[]): RegularizerSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || typeof value.class_name !== 'string' || !isObject(value.config)) {
    issues.push({ pointer: at, message: 'a regularizer must be { class_name, config }' });
    return undefined;
  }
  if (!/^(L1|L2|L1L2|l1|l2|l1_l2)$/.test(value.class_name)) {
    issues.push({ pointer: `${at}/class_name`, message: `unsupported regularizer "${value.class_name}"; use L1, L2 or L1L2` });
    return undefined;
  }
  const spec: RegularizerSpec = {};
  for (const k of ['l1', 'l2'] as const) {
    const factor = value.config[k];
    if (typeof factor === 'number' && factor !== 0) spec[k] = typedNumber(factor);
  }
  return Object.keys(spec).length > 0 ? spec : undefined;
}

/** The shortest decimal that rounds to the same float32 (Keras stores regularizer factors as float32). */
export function typedNumber(x: number): number {
  for (let digits = 1; digits <= 17; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(x)) return candidate;
  }
  return x;
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
