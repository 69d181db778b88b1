import { describe, expect, it } from 'vitest';
import type { RubricItem } from '../../lab/types.js';
import type { TrainingFacts } from '../facts.js';
import { run, staticFacts } from '../../test-helpers/facts.js';
import { runRubric } from '../run-rubric.js';
import { declaredPredictions } from './classification-report.js';
import { rubricCheck } from './index.js';
import { wordCount } from './text-answer.js';

// Shaped like the notebook's Large run: train BCE keeps falling, val BCE turns up after epoch 3.
const overfit = run(
  [0.69, 0.6, 0.52, 0.45, 0.39, 0.33, 0.28, 0.23, 0.19, 0.15, 0.12, 0.1],
  [0.68, 0.64, 0.62, 0.61, 0.615, 0.63, 0.66, 0.7, 0.75, 0.81, 0.88, 0.95],
);
// Still improving when the run ends: no overfitting to see.
const steady = run(
  [0.69, 0.66, 0.64, 0.63, 0.62, 0.61, 0.605, 0.6, 0.596, 0.592, 0.589, 0.586],
  [0.68, 0.66, 0.65, 0.64, 0.635, 0.63, 0.627, 0.624, 0.622, 0.62, 0.618, 0.616],
);
// A regularized run: training BCE (dropout on) stays above validation BCE.
const regularized = run(
  [0.9, 0.8, 0.75, 0.7, 0.68, 0.66, 0.65, 0.64, 0.635, 0.63, 0.627, 0.625],
  [0.7, 0.66, 0.64, 0.63, 0.63, 0.62, 0.618, 0.616, 0.615, 0.614, 0.613, 0.612],
);

function item(facts: Awaited<ReturnType<typeof staticFacts>>, number: string): RubricItem {
  return facts.lab.rubric.items.find((i) => i.number === number)!;
}

describe('rubric checks on the reference (static facts, constructed runs)', () => {
  it('gives every autograded point when the runs behave as in the notebook', async () => {
    const ctx = await staticFacts('reference');
    const { facts } = ctx;
    facts.models['higgs.giant']!.training = overfit;
    facts.models['cats.large']!.training = overfit;
    facts.models['cats.regularized']!.training = regularized;
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
    facts.models['cats.large']!.training = regularized;
    // Logits between 0 and 0.5 are cats at threshold 0 and non-cats at 0.5.
    facts.models['cats.regularized']!.testOutputs = {
      outputs: Float32Array.from([0.1, 0.3, 0.7, -1]), labels: Float32Array.from([1, 1, 1, 0]), classes: ['non-cat', 'cat'],
    };
    const results = runRubric(ctx.lab.rubric, facts);
    const codes = Object.fromEntries(results.map((r) => [r.item.number, r.outcome.findings.map((f) => f.code)]));
    expect(codes).toEqual({
      // A short check run that shows no overfitting cannot tell: undecided, it costs nothing.
      1: ['NOT_MORE_CAPACITY', 'VERDICT_UNDECIDED'],
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
    expect(scores).toMatchObject({ 1: 5, 6: 5, 7: 0, 8: 5, 9: 0, 10: 0 });
    expect(results[0]!.outcome).toMatchObject({ status: 'undecided' });
    expect(results[0]!.outcome.moreSeeds).toBeUndefined();
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

describe('verdicts over seeds (the ci profile: final, three seeds)', () => {
  /** ToDo 1 and ToDo 9 of the reference, scored under the ci profile with the given runs. */
  async function score(giant: TrainingFacts[], large: TrainingFacts[] = [overfit], reg: TrainingFacts[] = [regularized]) {
    const ctx = await staticFacts('reference', 'ci');
    const models = ctx.facts.models;
    const put = (key: string, runs: TrainingFacts[]) => {
      models[key]!.training = runs[0]!;
      models[key]!.extraRuns = runs.slice(1).map((training, i) => ({ seed: ctx.facts.verdicts.seed + 1 + i, training }));
    };
    put('higgs.giant', giant);
    put('cats.large', large);
    put('cats.regularized', reg);
    const [one, nine] = runRubric({ ...ctx.lab.rubric, items: [item(ctx, '1'), item(ctx, '9')] }, ctx.facts);
    return { one: one!.outcome, nine: nine!.outcome };
  }

  it('passes on one overfitting run: a pass needs no other seed', async () => {
    const { one } = await score([overfit]);
    expect(one).toMatchObject({ score: 10, status: 'passed' });
    expect(one.moreSeeds).toBeUndefined();
  });

  it('asks for the other seeds before a first run that does not overfit costs anything', async () => {
    const { one } = await score([steady]);
    expect(one).toMatchObject({ score: 10, status: 'undecided', moreSeeds: ['higgs.giant'] });
    expect(one.findings.map((f) => f.code)).toEqual(['VERDICT_UNDECIDED']);
  });

  it('fails once the majority of seeds agree, and names the cause', async () => {
    const { one } = await score([steady, steady, overfit]);
    expect(one).toMatchObject({ score: 5, status: 'failed' });
    const [f] = one.findings;
    expect(f).toMatchObject({ code: 'NO_OVERFITTING', severity: 'error', owner: 'submission' });
    expect(f!.hint).toContain('still falling');
  });

  it('leaves seeds that disagree undecided, for the TA', async () => {
    const flat = run(steady.history.history.binary_crossentropy, [0.68, 0.66, 0.65, 0.64, 0.64, 0.65, 0.64, 0.65, 0.64, 0.65, 0.64, 0.65]);
    const { one } = await score([steady, overfit, flat]);
    expect(one).toMatchObject({ score: 10, status: 'undecided' });
    expect(one.moreSeeds).toBeUndefined();
    expect(one.findings[0]!.hint).toContain('disagree');
  });

  it('compares gaps seed by seed: a regularized gap clearly wider than the baseline costs half', async () => {
    expect((await score([overfit], [overfit], [regularized])).nine).toMatchObject({ score: 10, status: 'passed' });
    const wider = await score([overfit], [regularized, regularized, regularized], [overfit, overfit, overfit]);
    expect(wider.nine).toMatchObject({ score: 5, status: 'failed' });
    expect(wider.nine.findings.map((f) => f.code)).toEqual(['GAP_NOT_NARROWED']);
    const first = await score([overfit], [regularized], [overfit]);
    expect(first.nine).toMatchObject({ score: 10, status: 'undecided', moreSeeds: ['cats.regularized', 'cats.large'] });
  });

  it('costs nothing for a model the profile does not train: NOT_TRAINED, the overfitting half kept', async () => {
    const ctx = await staticFacts('reference', 'ci');
    const [one] = runRubric({ ...ctx.lab.rubric, items: [item(ctx, '1')] }, ctx.facts);
    expect(one!.outcome).toMatchObject({ score: 10 });
    expect(one!.outcome.findings.map((f) => [f.code, f.owner])).toEqual([['NOT_TRAINED', 'lab']]);
  });
});
