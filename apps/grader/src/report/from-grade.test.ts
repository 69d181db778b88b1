import { describe, expect, it } from 'vitest';
import { runRubric } from '../checks/run-rubric.js';
import { loadMessages } from '../messages/locale.js';
import { gradedResults } from '../results/gradescope.js';
import { applyOverrides } from '../results/overrides.js';
import { run, staticFacts } from '../test-helpers/facts.js';
import { learningRatePoints, reportInputFromGrade, smoothingFor } from './from-grade.js';

const meta = { lab: 'lab5', profile: 'check', seed: 1, version: '0.1.0', seconds: 1, backend: 'wasm', student: { name: 'Bruno Souza', id: '2024-0213' } };

/** The mistakes fixture after real loading and static checks, with training runs and test outputs of known shape. */
async function gradedMistakes(lang: 'en' | 'pt-BR') {
  const { lab, facts } = await staticFacts('mistakes');
  facts.models['higgs.giant']!.training = run([0.69, 0.66, 0.64, 0.63, 0.62, 0.61], [0.68, 0.66, 0.65, 0.64, 0.635, 0.63]);
  facts.models['cats.large']!.training = run([0.7, 0.5, 0.3, 0.2], [0.7, 0.6, 0.62, 0.7]);
  facts.models['cats.regularized']!.training = run([0.69, 0.6, 0.5, 0.4, 0.3, 0.2], [0.68, 0.63, 0.61, 0.66, 0.8, 1.1]);
  // Logits 0.1 and 0.3 are cats at threshold 0 and non-cats at the student's 0.5.
  facts.models['cats.regularized']!.testOutputs = {
    outputs: Float32Array.from([0.1, 0.3, 0.7, -1]), labels: Float32Array.from([1, 1, 1, 0]), classes: ['non-cat', 'cat'],
  };
  const messages = loadMessages(lang);
  const items = runRubric(lab.rubric, facts);
  const overrides = [{ student: '2024-0213', item: '2', points: 7, comment: 'Cite os números.' }];
  const results = applyOverrides(gradedResults(items, Object.values(facts.models), meta, 'summary', messages), overrides, 'overrides', messages);
  return { input: reportInputFromGrade({ results, lab, facts, items, overrides }, messages, '2025-04-02T14:30:00Z'), results };
}

describe('reportInputFromGrade', () => {
  it("maps results and facts onto the report: header, ToDo rows, findings in the reader's language", async () => {
    const { input, results } = await gradedMistakes('pt-BR');
    expect(input).toMatchObject({
      student: 'Bruno Souza', lab: 'Sobreajuste e regularização (Higgs, gato/não gato)', score: results.score, maxScore: 100,
      profile: 'check', seed: 1, backend: 'wasm', graderVersion: '0.1.0', date: '2025-04-02T14:30:00Z',
    });
    expect(input.todos.map((r) => [r.number, r.score, r.status])).toEqual([
      // ToDo 1: too little capacity (0 of 5); a short run that shows no overfitting leaves that half undecided (5 of 5).
      // ToDo 3's answer is missing: still the TA's to score (pending), never an automatic 0/10.
      ['1', 5, 'undecided'], ['2', 7, 'manual'], ['3', null, 'pending'], ['4', null, 'pending'], ['5', 10, 'auto'],
      ['6', 5, 'auto'], ['7', 0, 'auto'], ['8', 5, 'auto'], ['9', 0, 'auto'], ['10', 0, 'auto'],
    ]);
    expect(input.todos[5]).toMatchObject({ name: 'ToDo 6: modelo pequeno para gatos', output: expect.stringContaining('ativação de saída sigmoid') });
    // The classification tables have their own section, so ToDo 10's output keeps only its sentences.
    expect(input.todos[9]!.output).toBe('cats.regularized produz logits; o relatório aplica o limiar 0,5 a logits');
    const sigmoid = input.findings.find((f) => f.code === 'SIGMOID_WITH_LOGITS_LOSS')!;
    expect(sigmoid).toMatchObject({ item: '6', model: 'cats.small', severity: 'error' });
    expect(sigmoid.message).toBe('cats.small termina em Dense(1, activation="sigmoid") enquanto a perda é a entropia cruzada binária a partir de logits: a sigmoide é aplicada duas vezes');
    expect(input.findings.find((f) => f.code === 'THRESHOLD_ON_LOGITS')!.message).toContain('2 de 4 previsões de teste mudam, recall de gato 0,33 em vez de 1,00');
  });

  it('groups trained runs by chart and draws short runs raw', async () => {
    const { input } = await gradedMistakes('en');
    expect(Object.fromEntries(Object.entries(input.runs).map(([g, runs]) => [g, runs.map((r) => r.name)]))).toEqual({
      sizes: ['higgs.giant'], cats: ['cats.large', 'cats.regularized'],
    });
    expect(input.smoothingStd).toBe(0);
    const long = run(Array.from({ length: 81 }, () => 0.6), Array.from({ length: 81 }, () => 0.6)).history;
    expect(smoothingFor({ sizes: [{ name: 'x', history: long }] })).toBe(10);
  });

  it("computes scikit-learn's report and confusion matrix on the test outputs, as declared and done right", async () => {
    const { input } = await gradedMistakes('en');
    expect(input.classification?.map((c) => [c.model, c.confusion])).toEqual([
      // y > 0.5: logits 0.1 and 0.3 become non-cats → 1 TN, 2 FN, 1 TP.
      ['cats.regularized: as your report computes it (y > 0.5)', [[1, 0], [2, 1]]],
      ['cats.regularized: computed correctly (y > 0)', [[1, 0], [0, 3]]],
    ]);
    // recall(cat) = 1/3 as declared, 3/3 done right; support 3.
    expect(input.classification?.[0]?.text).toMatch(/^ +cat +1\.00 +0\.33 +0\.50 +3$/m);
    expect(input.classification?.[1]?.text).toMatch(/^ +cat +1\.00 +1\.00 +1\.00 +3$/m);
  });

  it('prints Keras summaries of the valid submitted models and answers with TA comment and points', async () => {
    const { input } = await gradedMistakes('en');
    expect(input.summaries?.map((s) => s.model)).toEqual(['higgs.giant', 'cats.small', 'cats.large', 'cats.regularized']);
    expect(input.summaries?.[0]?.text).toContain('Total params: 73,473');
    expect(input.answers).toEqual([
      { item: '2', question: "analysis of the Giant model's training", text: expect.stringContaining('overfitting'), comment: 'Cite os números.', points: 7, max: 10 },
      { item: '4', question: 'analysis of the regularizers', text: expect.stringContaining('L2 e Dropout') },
      { item: '10', question: 'accuracy, precision, recall and F1 on the test set', text: 'too short', points: 0, max: 10 },
    ]);
  });

  it("plots the lab's InverseTimeDecay: lr0 / (1 + epoch / decayEpochs), halved at epoch 1000", async () => {
    const { lab } = await staticFacts('reference');
    const points = learningRatePoints(lab.definition);
    expect(points).toHaveLength(101);
    expect(points[0]).toEqual({ epoch: 0, lr: 0.001 });
    expect(points[20]?.epoch).toBe(1000);
    expect(points[20]?.lr).toBeCloseTo(0.0005, 12);
    expect(points[100]).toMatchObject({ epoch: 5000 });
    expect(points[100]?.lr).toBeCloseTo(0.001 / 6, 12);
  });
});
