import { describe, expect, it } from 'vitest';
import { importKerasModel, typedNumber } from './keras-json.js';

describe('importKerasModel', () => {
  it('reads a Keras 2.2 document whose config is the layer list itself', () => {
    const { model, issues } = importKerasModel({
      class_name: 'Sequential',
      config: [
        { class_name: 'Dense', config: { name: 'dense_1', units: 16, activation: 'elu', batch_input_shape: [null, 28] } },
        { class_name: 'Dropout', config: { name: 'dropout_1', rate: 0.5 } },
        { class_name: 'Dense', config: { name: 'dense_2', units: 1, activation: 'linear' } },
      ],
    });
    expect(issues).toEqual([]);
    expect(model).toEqual({
      inputShape: [28],
      layers: [
        { type: 'Dense', units: 16, activation: 'elu', name: 'dense_1' },
        { type: 'Dropout', rate: 0.5, name: 'dropout_1' },
        { type: 'Dense', units: 1, name: 'dense_2' },
      ],
    });
  });

  it('names unsupported layers and activations by JSON pointer', () => {
    const { issues } = importKerasModel({
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Conv2D', config: {} }, { class_name: 'Dense', config: { units: 1, activation: 'softmax' } }] },
    });
    expect(issues).toEqual([
      {
        pointer: '/config/layers/0/class_name', message: expect.stringContaining('unsupported Keras layer "Conv2D"'),
        params: { code: 'KERAS_UNSUPPORTED', index: '0', got: 'Conv2D', supported: ['Dense', 'Dropout', 'Flatten', 'Reshape'] },
      },
      {
        pointer: '/config/layers/1/config/activation', message: expect.stringContaining('unsupported activation "softmax"'),
        params: { code: 'KERAS_ACTIVATION', value: '"softmax"', known: expect.stringContaining('relu, elu') },
      },
    ]);
  });

  it('refuses functional models', () => {
    expect(importKerasModel({ class_name: 'Functional', config: {} }).issues[0]!.message).toContain('only Sequential');
  });

  it('reads L1L2 and drops zero factors', () => {
    const { model } = importKerasModel({
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', config: { units: 1, kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 9.999999747378752e-5 } } } }] },
    });
    expect(model?.layers).toEqual([{ type: 'Dense', units: 1, kernelRegularizer: { l2: 0.0001 } }]);
  });
});

describe('typedNumber', () => {
  it('turns float32 round-trips back into the typed decimal', () => {
    // Keras saves l2(0.001) as float32: 0.0010000000474974513.
    expect(typedNumber(0.0010000000474974513)).toBe(0.001);
    expect(typedNumber(0.5)).toBe(0.5);
    // float32 needs 8 digits here: 0.3333333 is a different float32 than 1/3.
    expect(typedNumber(1 / 3)).toBe(0.33333333);
  });
});

describe('importKerasModel names', () => {
  it('refuses a layer name the model schema refuses (Keras 3 allows "hidden layer 1", TF.js does not), at its pointer', () => {
    const { issues } = importKerasModel({
      class_name: 'Sequential',
      config: { name: 'my model', layers: [{ class_name: 'Dense', config: { name: 'hidden layer 1', units: 1, batch_input_shape: [null, 28] } }] },
    });
    expect(issues).toEqual([
      {
        pointer: '/config/layers/0/config/name', message: 'layers[0].name "hidden layer 1" must match pattern "^[A-Za-z0-9_.-]+$"',
        params: { code: 'KERAS_LAYER_NAME', index: '0', name: 'hidden layer 1' },
      },
      { pointer: '/config/name', message: 'the model\'s name "my model" must match pattern "^[A-Za-z0-9_.-]+$"', params: { code: 'KERAS_MODEL_NAME', name: 'my model' } },
    ]);
  });
});
