import { describe, expect, it } from 'vitest';
import type { RubricItem } from '../../lab/types.js';
import { run, staticFacts } from '../../test-helpers/facts.js';
import { runRubric } from '../run-rubric.js';
import { declaredPredictions } from './classification-report.js';
import { showsOverfitting } from './helpers.js';
import { rubricCheck } from './index.js';
import { wordCount } from './text-answer.js';

// Shaped like the notebook's Large run: train BCE keeps falling, val BCE turns up after epoch 2.
const overfit = run([0.69, 0.6, 0.5, 0.4, 0.3, 0.2], [0.68, 0.63, 0.61, 0.66, 0.8, 1.1]);
const steady = run([0.69, 0.66, 0.64, 0.63, 0.62, 0.61], [0.68, 0.66, 0.65, 0.64, 0.635, 0.63]);

function item(facts: Awaited<ReturnType<typeof staticFacts>>, number: string): RubricItem {
  return facts.lab.rubric.items.find((i) => i.number === number)!;
}

describe('showsOverfitting', () => {
  it('needs validation BCE past its minimum while training BCE still falls', () => {
    expect(showsOverfitting(overfit.history)).toBe(true);
    expect(showsOverfitting(steady.history)).toBe(false);
    // Validation rising while training also rises is noise, not overfitting.
    expect(showsOverfitting(run([0.6, 0.5, 0.55, 0.7], [0.6, 0.55, 0.6, 0.7]).history)).toBe(false);
  });
});

describe('rubric checks on the reference (static facts, constructed runs)', () => {
  it('gives every autograded point when the runs behave as in the notebook', async () => {
    const ctx = await staticFacts('reference');
    const { facts } = ctx;
    facts.models['higgs.giant']!.training = overfit;
    facts.models['cats.large']!.training = overfit;
    facts.models['cats.regularized']!.training = run([0.9, 0.8, 0.75, 0.7, 0.68, 0.66], [0.7, 0.66, 0.64, 0.63, 0.63, 0.62]);
    facts.models['cats.regularized']!.testOutputs = {
      outputs: Float32Array.from([-2, -0.3, 0.2, 1.5]), labels: Float32Array.from([0, 1, 1, 1]), classes: ['non-cat', 'cat'],
    };
    facts.datasets.cats = { sampleShape: [64, 64, 3], min: 0, max: 1, trainSamples: 167, validationSamples: 42, testSamples: 50, validation: 'split' };
    const results = runRubric(ctx.lab.rubric, facts);
    expect(results.map((r) => [r.item.number, r.outcome.score, r.outcome.status])).toEqual([
      ['1', 10, 'passed'], ['2', 0, 'pending'], ['3', 0, 'pending'], ['4', 0, 'pending'], ['5', 10, 'passed'],
      ['6', 10, 'passed'], ['7', 10, 'passed'], ['8', 10, 'passed'], ['9', 10, 'passed'], ['10', 10, 'passed'],
    ]);
    expect(results.flatMap((r) => r.outcome.findings)).toEqual([]);
  });
});

describe('rubric checks on the notebook mistakes', () => {
  it('finds each mistake on its item', async () => {
    const ctx = await staticFacts('mistakes');
    const { facts } = ctx;
    facts.models['higgs.giant']!.training = steady;
    facts.models['cats.regularized']!.training = overfit;
    facts.models['cats.large']!.training = run([0.7, 0.5, 0.3, 0.2], [0.7, 0.6, 0.62, 0.7]);
    // Logits between 0 and 0.5 are cats at threshold 0 and non-cats at 0.5.
    facts.models['cats.regularized']!.testOutputs = {
      outputs: Float32Array.from([0.1, 0.3, 0.7, -1]), labels: Float32Array.from([1, 1, 1, 0]), classes: ['non-cat', 'cat'],
    };
    const results = runRubric(ctx.lab.rubric, facts);
    const codes = Object.fromEntries(results.map((r) => [r.item.number, r.outcome.findings.map((f) => f.code)]));
    expect(codes).toEqual({
      1: ['NOT_MORE_CAPACITY', 'NO_OVERFITTING'],
      2: [],
      3: ['MISSING_ANSWER'],
      4: [],
      5: [],
      6: ['SIGMOID_WITH_LOGITS_LOSS'],
      7: ['MISSING_ITEM'],
      8: ['SIGMOID_WITH_LOGITS_LOSS'],
      9: ['NO_REGULARIZATION'],
      10: ['THRESHOLD_ON_LOGITS', 'TEST_SET_AS_VALIDATION'],
    });
    const scores = Object.fromEntries(results.map((r) => [r.item.number, r.outcome.score]));
    expect(scores).toMatchObject({ 1: 0, 6: 5, 7: 0, 8: 5, 9: 0, 10: 0 });
    // Each check emits only the findings it declares.
    for (const r of results) expect(rubricCheck(r.item.check)!.findings).toEqual(expect.arrayContaining(r.outcome.findings.map((f) => f.code)));
    const threshold = results[9]!.outcome.findings[0]!;
    // 2 of 4 predictions change (0.1 and 0.3); cat recall 1/3 at 0.5 instead of 3/3 at 0.
    expect(threshold.message).toContain('2 of 4 test predictions change, cat recall 0.33 instead of 1.00');
    expect(threshold).toMatchObject({ item: '10', model: 'cats.regularized', severity: 'error' });
  });

  it('scores a model over budget 0 and says why', async () => {
    const ctx = await staticFacts('broken');
    const [first] = runRubric({ ...ctx.lab.rubric, items: [item(ctx, '1')] }, ctx.facts);
    expect(first!.outcome.score).toBe(0);
    expect(first!.outcome.findings.map((f) => f.code)).toEqual(['PARAM_BUDGET_EXCEEDED']);
  });
});

describe('helpers of the checks', () => {
  it('thresholds as declared, with or without sigmoid', () => {
    const out = Float32Array.from([-1, 0.2, 0.6]);
    expect([...declaredPredictions(out, { threshold: 0 })]).toEqual([0, 1, 1]);
    expect([...declaredPredictions(out, { threshold: 0.5 })]).toEqual([0, 0, 1]);
    // σ(0.2) = 0.55 > 0.5: sigmoid then 0.5 agrees with logits at 0.
    expect([...declaredPredictions(out, { threshold: 0.5, sigmoid: true })]).toEqual([0, 1, 1]);
  });

  it('counts words in pt-BR text', () => {
    expect(wordCount('A acurácia de validação caiu; o modelo memorizou 1.0 do treino.')).toBe(11);
  });
});
