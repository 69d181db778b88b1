import type * as tfl from '@tensorflow/tfjs-layers';
import type { AnySchemaObject } from 'ajv';
import { entries } from '../files/discover-modules.js';
import type { Activation } from '../spec/types.js';

/**
 * Every layer type's spec by its Keras class name, filled in by the layer modules themselves
 * (TypeScript's declaration merging: `declare module './layer-type.js' { interface LayerSpecs {
 * Dense: DenseSpec } }` in `dense.ts`), so the spec union `LayerSpec` is derived with no list to keep.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each layer module's augmentation
export interface LayerSpecs {}

/** What every layer spec has: its Keras class (`type`) and an optional Keras name. */
export interface LayerSpecBase {
  type: string;
  name?: string;
}

/** One layer's step through {@link inferShapes}: its output shape (without batch), parameters and forward FLOPs per sample. */
export interface InferStep {
  shape: number[];
  params: number;
  flops: number;
}

/** What a layer type's `build` gets: its place in the model and the shapes around it. */
export interface BuildContext {
  index: number;
  /** Rank of one input sample (without batch). */
  inputRank: number;
  /** The statically inferred output shape of one sample. */
  outputShape: number[];
  /** Name (and, for the first layer, input shape) every TF.js layer takes. */
  common: NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;
  /** The model's seed: initializers and masks are seeded from (seed, index). */
  seed: number;
}

/** A hyperparameter out of its range, as data: the grader words it in the reader's language (`detail.<rule>`). */
export interface HyperparameterProblem {
  /** Stable name of the rule broken, e.g. `dropoutRate`. */
  rule: string;
  /** JSON pointer of the value within the layer, e.g. `/rate`. */
  path: string;
  /** The values the sentence names (`rate`, or `which`, `name`, `value`). */
  params: Record<string, string | number>;
  /** The rule in English, for errors that are not translated (core's own). */
  message: string;
}

/** A conversion problem at a JSON pointer into a Keras `to_json()` document. */
export interface KerasIssue {
  pointer: string;
  message: string;
  /** The message's parts (`code` names its locale text), so the grader can say it in another language. */
  params?: Record<string, string | string[]>;
}

/** A Keras layer's `config`, and where it sits in the document (for issues). */
export interface KerasLayerInput {
  config: Record<string, unknown>;
  /** JSON pointer of the config: issues point inside it. */
  at: string;
  issues: KerasIssue[];
}

/**
 * The facts the grader reads of one layer — generic questions, so a new layer type is graded by
 * what it does, never by its name.
 */
export interface LayerFacts {
  /** Adds a weight penalty (an L1 or L2 factor > 0) to the loss. */
  weightPenalty: boolean;
  /** Zeroes inputs while training (a rate > 0). */
  dropsInputs: boolean;
  /** The activation applied to its output; undefined for a layer that only moves values (Dropout, Flatten). */
  activation?: Activation;
  /** Changes the rank of a sample (Flatten, Reshape): what an image model needs before a Dense output of (None, 1). */
  changesRank: boolean;
}

/**
 * One layer type, in one module: its spec (`S`) and the JSON Schema fragment that validates it
 * (`schemas/model-spec.schema.json` holds the same: a test compares them), its hyperparameter
 * rules, shape and parameter inference, TF.js construction, Keras import, and the facts the grader
 * reads. The registry (`layers/index.ts`) finds the modules; everything else dispatches on them.
 */
export interface LayerType<S extends LayerSpecBase> {
  /** The Keras class name, as a spec's `type` says it. */
  type: S['type'];
  /** `definitions.<type>` of the model schema. */
  schema: AnySchemaObject;
  /** Ranges the schema cannot say (or a number YAML let through, like `.inf`): none when the layer is fine. */
  problems?(layer: S): HyperparameterProblem[];
  /** Output shape, parameters and FLOPs on an input of `input` (without batch); throws `SHAPE_MISMATCH` when impossible. */
  infer(layer: S, input: number[], index: number): InferStep;
  build(layer: S, context: BuildContext): tfl.layers.Layer;
  keras: {
    /** The `class_name`s a Keras document gives this layer. */
    classNames: readonly string[];
    /** The spec for a Keras config (its `name` is set by the caller), or undefined with issues pushed. */
    import(input: KerasLayerInput): Omit<S, 'name'> | undefined;
    /** The layer with a following Keras `Activation` folded in, when Keras treats the pair as one (Dense then Activation). */
    foldActivation?(layer: S, activation: Activation): S | undefined;
  };
  facts(layer: S): LayerFacts;
}

/** A layer type as the registry holds it: its spec no longer narrowed. */
export type AnyLayerType = LayerType<LayerSpecBase>;

const layerTypes = entries<AnyLayerType>();

/**
 * Declares a layer type, `S` checked where the module is written; `S` must be in {@link LayerSpecs}
 * (the module's augmentation), so a layer type cannot be declared outside the spec union.
 */
export function defineLayer<S extends LayerSpecs[keyof LayerSpecs]>(definition: LayerType<S>): LayerType<S> {
  layerTypes.add(definition as unknown as AnyLayerType);
  return definition;
}

/** Whether a value is a layer type `defineLayer` declared (the registry collects exactly these). */
export const isLayerType = layerTypes.is;

/** The file of a layer type's module: its Keras class name in kebab case (`Dense` → `dense`, `BatchNormalization` → `batch-normalization`, `Conv2D` → `conv2d`). */
export function layerFileName(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
