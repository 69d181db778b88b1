import { describe, expect, it } from 'vitest';
import { finding, localizeFinding } from '../findings/finding.js';
import { TrainingDivergedError } from '@fitcheck/core';
import { trainingError } from '../run/train-model.js';
import { trainingDetail } from '../run/training-error.js';
import { loadMessages } from './locale.js';
import { fixed, renderParam, renderText, sayer, text } from './text.js';

const pt = loadMessages('pt-BR');
const en = loadMessages('en');

describe('numbers inside sentences, in the reader\'s locale', () => {
  it('a finding\'s parameter counts and ratio: 73.473 and × 1,5 in pt-BR, 73,473 and × 1.5 in English', () => {
    const f = finding('NOT_MORE_CAPACITY', 'error', {
      model: 'higgs.giant', params: 73473, baseline: 'higgs.large', baselineParams: 1573121, ratio: text('output.times', { ratio: 1.5 }),
    }, { model: 'higgs.giant' });
    expect(f.message).toBe("higgs.giant has 73,473 parameters, not more than higgs.large's 1,573,121 × 1.5");
    expect(localizeFinding(f, pt).message).toBe('higgs.giant tem 73.473 parâmetros, não mais que os 1.573.121 de higgs.large × 1,5');
  });

  it('fixed decimals, as measured values are shown (a BCE to 4, a range to 3), and "—" for a missing one', () => {
    const line = text('output.scaledRange', { scale: 255, min: fixed(0, 3), max: fixed(0.55, 3) });
    expect(renderText(pt, line)).toBe('valores depois de dividir por 255: [0,000, 0,550]');
    expect(renderText(en, line)).toBe('values after dividing by 255: [0.000, 0.550]');
    expect(fixed(null, 4)).toBe('—');
  });

  it('keeps a seed as written (a name, not a quantity), writes a tiny value as JavaScript does, and leaves strings alone', () => {
    const say = sayer(pt);
    expect(say('plan.training', { epochs: 10000, patience: 200, seed: 2024 })).toContain('no máximo 10.000 épocas');
    expect(say('plan.training', { epochs: 10000, patience: 200, seed: 2024 })).toContain('semente 2024');
    expect(say('cli.labRunFailed', { count: 2, models: 'higgs.tiny, 1,5' })).toBe('2 modelo(s) falharam: higgs.tiny, 1,5 (os resultados dos outros estão gravados)');
    expect(say('output.times', { ratio: 5.11061e-8 })).toBe(' × 5,11061e-8');
  });
});

describe('a training error in the reader\'s language', () => {
  it('a diverged run by its parts; an error without parts as it said itself', () => {
    const diverged = trainingError(new TrainingDivergedError('cats_large', 0, 'loss', { epoch: [], history: { loss: [], binary_crossentropy: [], accuracy: [], val_loss: [], val_binary_crossentropy: [], val_accuracy: [] } }));
    expect(diverged).toMatchObject({ code: 'TRAINING_DIVERGED', params: { epoch: 0, metric: 'loss' } });
    expect(renderParam(pt, trainingDetail(diverged))).toBe('o treino divergiu na época 0: loss não é um número finito');
    expect(renderParam(en, trainingDetail(diverged))).toBe('training diverged at epoch 0: loss is not a finite number');
    expect(renderParam(pt, trainingDetail(trainingError(new Error('tfjs: out of memory'))))).toBe('tfjs: out of memory');
  });
});
