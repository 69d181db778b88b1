import type { Activation, Initializer, RegularizerSpec } from '../spec/types.js';
import type { KerasIssue } from './layer-type.js';

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

export type Json = Record<string, unknown>;

/** A Keras activation (a name, or Keras 3's `{ class_name }`), or undefined with an issue. */
export function importActivation(value: unknown, at: string, issues: KerasIssue[]): Activation | undefined {
  const key = typeof value === 'string' ? value : isObject(value) && typeof value.class_name === 'string' ? value.class_name : undefined;
  const activation = key === undefined ? undefined : ACTIVATIONS[key];
  if (!activation) {
    const got = String(JSON.stringify(key ?? value));
    issues.push({ pointer: at, message: `unsupported activation ${got}; fitcheck knows ${Object.keys(ACTIVATIONS).join(', ')}`, params: { code: 'KERAS_ACTIVATION', value: got, known: Object.keys(ACTIVATIONS).join(', ') } });
  }
  return activation;
}

/** A Keras initializer; undefined when absent (the default) or unsupported (with an issue). */
export function importInitializer(value: unknown, at: string, issues: KerasIssue[]): Initializer | undefined {
  if (value === undefined || value === null) return undefined;
  const key = typeof value === 'string' ? value : isObject(value) && typeof value.class_name === 'string' ? value.class_name : undefined;
  const initializer = key === undefined ? undefined : INITIALIZERS[key];
  if (!initializer) {
    const got = String(JSON.stringify(key ?? value));
    issues.push({ pointer: at, message: `unsupported initializer ${got}`, params: { code: 'KERAS_INITIALIZER', value: got } });
  }
  return initializer;
}

/** Keras `L1`, `L2`, `L1L2` (and their snake-case aliases) → `{ l1?, l2? }`; zero factors dropped. */
export function importRegularizer(value: unknown, at: string, issues: KerasIssue[]): RegularizerSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || typeof value.class_name !== 'string' || !isObject(value.config)) {
    issues.push({ pointer: at, message: 'a regularizer must be { class_name, config }', params: { code: 'KERAS_REGULARIZER_SHAPE' } });
    return undefined;
  }
  if (!/^(L1|L2|L1L2|l1|l2|l1_l2)$/.test(value.class_name)) {
    issues.push({ pointer: `${at}/class_name`, message: `unsupported regularizer "${value.class_name}"; use L1, L2 or L1L2`, params: { code: 'KERAS_REGULARIZER', value: value.class_name } });
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

export function isIntList(v: unknown): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.every((d) => Number.isInteger(d));
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
