import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SeededDropout } from '../model/seeded-dropout.js';
import { inferShapes } from '../spec/infer-shapes.js';
import type { LayerSpec } from '../spec/types.js';
import { KERAS_CLASS_NAMES, kerasLayerType, LAYER_TYPES, layerFacts, layerProblems, layerType } from './index.js';
import type { KerasIssue } from './layer-type.js';
import type * as ComposeSchemaModule from '../spec/compose-schema.js';
import type * as InferShapesModule from '../spec/infer-shapes.js';
import type * as SchemaModule from '../spec/schema.js';
import { copyOfPackage } from '../test-helpers/copy-of-package.js';
import { exportsOf } from '../test-helpers/exports-of.js';

describe('the layer registry', () => {
  it('has one module per type, each importing its own Keras class', () => {
    expect(LAYER_TYPES.map((t) => t.type)).toEqual(['Dense', 'Dropout', 'Flatten', 'Reshape']);
    expect(KERAS_CLASS_NAMES).toEqual(['Dense', 'Dropout', 'Flatten', 'Reshape']);
    for (const t of LAYER_TYPES) expect(kerasLayerType(t.type)?.type).toBe(t.type);
    expect(kerasLayerType('Conv2D')).toBeUndefined();
    expect(() => layerType('Conv2D')).toThrow('no layer type "Conv2D"');
  });
});

describe('layerFacts: what the grader asks of a layer, whatever its type', () => {
  it.each<[string, LayerSpec, ReturnType<typeof layerFacts>]>([
    ['a plain Dense', { type: 'Dense', units: 1 }, { weightPenalty: false, dropsInputs: false, activation: 'linear', changesRank: false }],
    ['an L2 Dense', { type: 'Dense', units: 512, activation: 'elu', kernelRegularizer: { l2: 0.001 } }, { weightPenalty: true, dropsInputs: false, activation: 'elu', changesRank: false }],
    ['a Dense whose only penalty is on its bias', { type: 'Dense', units: 4, biasRegularizer: { l1: 0.01 } }, { weightPenalty: true, dropsInputs: false, activation: 'linear', changesRank: false }],
    ['a zero penalty (adds nothing to the loss)', { type: 'Dense', units: 4, kernelRegularizer: { l2: 0 } }, { weightPenalty: false, dropsInputs: false, activation: 'linear', changesRank: false }],
    ['Dropout(0.5)', { type: 'Dropout', rate: 0.5 }, { weightPenalty: false, dropsInputs: true, changesRank: false }],
    ['Dropout(0), which drops nothing', { type: 'Dropout', rate: 0 }, { weightPenalty: false, dropsInputs: false, changesRank: false }],
    ['Flatten', { type: 'Flatten' }, { weightPenalty: false, dropsInputs: false, changesRank: true }],
    ['Reshape', { type: 'Reshape', targetShape: [-1] }, { weightPenalty: false, dropsInputs: false, changesRank: true }],
  ])('%s', (_what, layer, facts) => {
    expect(layerFacts(layer)).toEqual(facts);
  });
});

describe("the Dropout rate's rule, written once", () => {
  it('is the same in layerProblems, inferShapes and SeededDropout', () => {
    expect(layerProblems({ type: 'Dropout', rate: 1 })).toEqual([{ rule: 'dropoutRate', path: '/rate', params: { rate: 1 }, message: 'rate 1 must be in [0, 1)' }]);
    expect(layerProblems({ type: 'Dropout', rate: 0.999 })).toEqual([]);
    expect(() => inferShapes({ inputShape: [4], layers: [{ type: 'Dropout', rate: Number.NaN }] }))
      .toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH', message: 'layers[0] (Dropout): rate NaN must be in [0, 1)', place: { key: '/layers/0/rate' } }));
    expect(() => new SeededDropout({ rate: -0.1, seed: 0, layerIndex: 0 })).toThrow('Dropout rate -0.1 must be in [0, 1)');
  });

  it('is joined by the regularizer rule: factors finite and ≥ 0', () => {
    expect(layerProblems({ type: 'Dense', units: 2, kernelRegularizer: { l2: Number.POSITIVE_INFINITY }, biasRegularizer: { l1: -1 } }).map((p) => [p.path, p.message])).toEqual([
      ['/kernelRegularizer/l2', 'kernelRegularizer.l2 = Infinity is not a finite number ≥ 0'],
      ['/biasRegularizer/l1', 'biasRegularizer.l1 = -1 is not a finite number ≥ 0'],
    ]);
  });
});

describe('Keras import, per layer type', () => {
  const load = (className: string, config: Record<string, unknown>): { spec: unknown; issues: KerasIssue[] } => {
    const issues: KerasIssue[] = [];
    const spec = kerasLayerType(className)!.keras.import({ config, at: '/config/layers/0/config', issues });
    return { spec, issues };
  };

  it("reads a Keras 3 Dense's config, keeping only what differs from the defaults", () => {
    expect(load('Dense', {
      units: 512, activation: 'elu', use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      kernel_regularizer: { class_name: 'L2', config: { l2: 0.0010000000474974513 } },
    })).toEqual({ spec: { type: 'Dense', units: 512, activation: 'elu', kernelRegularizer: { l2: 0.001 } }, issues: [] });
  });

  it('says where a config is wrong', () => {
    expect(load('Dropout', { rate: 'half' }).issues).toEqual([{ pointer: '/config/layers/0/config/rate', message: 'Dropout needs a numeric rate', params: { code: 'KERAS_DROPOUT_RATE' } }]);
    expect(load('Reshape', { target_shape: [64, 'x'] }).issues).toEqual([{ pointer: '/config/layers/0/config/target_shape', message: 'Reshape needs target_shape, a list of integers', params: { code: 'KERAS_RESHAPE_TARGET' } }]);
  });

  it('folds a following Activation into a Dense without one, and into nothing else', () => {
    const dense = layerType('Dense');
    expect(dense.keras.foldActivation?.({ type: 'Dense', units: 1 } as LayerSpec, 'sigmoid')).toEqual({ type: 'Dense', units: 1, activation: 'sigmoid' });
    expect(dense.keras.foldActivation?.({ type: 'Dense', units: 1, activation: 'relu' } as LayerSpec, 'sigmoid')).toBeUndefined();
    expect(layerType('Dropout').keras.foldActivation).toBeUndefined();
  });
});

describe('LAYER_TYPES holds every module written for it', () => {
  it('every layer type a file of layers/ defines is registered', async () => {
    const defined = (await exportsOf(new URL('./', import.meta.url)))
      .filter(([, v]) => typeof v === 'object' && v !== null && 'infer' in v && 'build' in v && 'facts' in v);
    expect(defined.map(([file]) => file).sort()).toEqual(['dense.ts', 'dropout.ts', 'flatten.ts', 'reshape.ts']);
    for (const [file, module] of defined) expect(LAYER_TYPES as readonly unknown[], file).toContain(module);
  });

  // An Identity layer (Keras' `Identity`) written into a copy of core: one file, no list touched.
  const copy = copyOfPackage(fileURLToPath(new URL('../../', import.meta.url)), ['src', 'schemas'], ['node_modules', 'package.json']);
  afterAll(() => copy.remove());

  it('a layer module added to layers/ is registered, dispatched and in the schema the build writes', async () => {
    writeFileSync(join(copy.dir, 'src', 'layers', 'identity.ts'), `import * as tfl from '@tensorflow/tfjs-layers';
import { defineLayer } from './layer-type.js';

declare module './layer-type.js' {
  interface LayerSpecs {
    Identity: IdentitySpec;
  }
}

export interface IdentitySpec {
  type: 'Identity';
  name?: string;
}

export const identity = defineLayer<IdentitySpec>({
  type: 'Identity',
  schema: { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'Identity' }, name: { $ref: '#/definitions/name' } } },
  infer: (_layer, input) => ({ shape: [...input], params: 0, flops: 0 }),
  build: (_layer, { common }) => tfl.layers.activation({ ...common, activation: 'linear' }),
  keras: { classNames: ['Identity'], import: () => ({ type: 'Identity' }) },
  facts: () => ({ weightPenalty: false, dropsInputs: false, changesRank: false }),
});
`);
    const src = join(copy.dir, 'src');
    const { composeModelSpecSchema } = (await import(join(src, 'spec', 'compose-schema.ts'))) as typeof ComposeSchemaModule;
    const { modelSpecSchema } = (await import(join(src, 'spec', 'schema.ts'))) as typeof SchemaModule;
    const { inferShapes: inferCopy } = (await import(join(src, 'spec', 'infer-shapes.ts'))) as typeof InferShapesModule;
    const schema = composeModelSpecSchema(modelSpecSchema()) as { definitions: Record<string, { properties?: { type?: { enum?: string[] } } }> };
    expect(schema.definitions.layer?.properties?.type?.enum).toEqual(['Dense', 'Dropout', 'Flatten', 'Identity', 'Reshape']);
    expect(schema.definitions.Identity).toMatchObject({ required: ['type'] });
    const model = inferCopy({ inputShape: [3], layers: [{ type: 'Identity' } as unknown as LayerSpec, { type: 'Dense', units: 1 }] });
    expect(model.layers.map((l) => [l.outputShape, l.params])).toEqual([[[null, 3], 0], [[null, 1], 4]]);
  });
});
