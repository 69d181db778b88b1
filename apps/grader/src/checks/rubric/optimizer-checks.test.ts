import { describe, expect, it } from 'vitest';
import type { RunFacts, TrainingFacts } from '../facts.js';
import { run, staticFacts } from '../../test-helpers/facts.js';
import { runRubric } from '../run-rubric.js';
import { epochsToTarget } from './converges-faster.js';
import { rubricCheck } from './index.js';

// Lab 6's HIGGS runs as the check profile shows them: plain SGD creeps down from chance (0.69)
// and never reaches 0.66 in 20 epochs; momentum is there by epoch 5.
const epochs = 20;
const slow = run(
  Array.from({ length: epochs }, (_, i) => 0.693 - 0.0012 * i),
  Array.from({ length: epochs }, (_, i) => 0.692 - 0.0012 * i),
);
const fast = run(
  Array.from({ length: epochs }, (_, i) => 0.69 - 0.006 * i),
  Array.from({ length: epochs }, (_, i) => Math.max(0.62, 0.69 - 0.009 * i)),
);

function trainAll(facts: RunFacts, runs: Partial<Record<string, TrainingFacts>>): void {
  for (const key of ['higgs.sgd', 'higgs.momentum', 'higgs.rmsprop', 'higgs.adam', 'higgs.scheduled', 'cats.warmup']) {
    facts.models[key]!.training = runs[key] ?? fast;
  }
}

const scores = (results: ReturnType<typeof runRubric>) => results.map((r) => [r.item.number, r.outcome.score, r.outcome.status]);
const codes = (results: ReturnType<typeof runRubric>) => results.flatMap((r) => r.outcome.findings.map((f) => `${r.item.number}:${f.code}`));

describe("lab 6's rubric on its reference (real loading and static analysis, constructed runs)", () => {
  it('gives every autograded point: the optimizers asked for, momentum ahead of SGD, both schedules as asked', async () => {
    const { lab, facts } = await staticFacts('lab6-reference', 'check', 'lab6');
    trainAll(facts, { 'higgs.sgd': slow });
    const results = runRubric(lab.rubric, facts);
    expect(scores(results)).toEqual([
      ['1', 10, 'passed'], ['2.1', 10, 'passed'], ['2.2', 15, 'passed'], ['3', 10, 'passed'], ['4', 10, 'passed'],
      ['5', 15, 'passed'], ['6', 10, 'passed'], ['7', 0, 'pending'], ['8', 0, 'pending'],
    ]);
    expect(codes(results)).toEqual([]);
    expect(facts.models['higgs.scheduled']!.optimizer).toMatchObject({ type: 'SGD', momentum: 0.9, learningRate: { type: 'ExponentialDecay', decaySteps: 200 } });
  });

  it('a model that gives no optimizer is judged as what it trains with: the lab\'s Adam', async () => {
    const { lab, facts } = await staticFacts('lab6-reference', 'check', 'lab6');
    trainAll(facts, {});
    delete facts.models['higgs.sgd']!.optimizer;
    delete facts.models['higgs.adam']!.optimizer;
    const byNumber = (n: string) => rubricCheck(lab.rubric.items.find((i) => i.number === n)!.check)!.run(facts, lab.rubric.items.find((i) => i.number === n)!);
    expect(byNumber('4')).toMatchObject({ score: 10, status: 'passed' });
    const sgd = byNumber('1');
    expect(sgd).toMatchObject({ score: 5, status: 'failed' });
    expect(sgd.findings[0]).toMatchObject({ code: 'WRONG_OPTIMIZER', message: 'higgs.sgd trains with Adam(); this ToDo asks for SGD, momentum = 0' });
  });
});

describe("lab 6's rubric on the mistaken submission", () => {
  it('scores each mistake on its own item; a check run cannot fail the race, so it stays undecided', async () => {
    const { lab, facts } = await staticFacts('lab6-mistakes', 'check', 'lab6');
    // Its "sgd" has momentum 0.9 and its "momentum" none: the race goes the wrong way.
    trainAll(facts, { 'higgs.momentum': slow });
    const results = runRubric(lab.rubric, facts);
    expect(scores(results)).toEqual([
      ['1', 5, 'failed'], ['2.1', 5, 'failed'], ['2.2', 15, 'undecided'], ['3', 5, 'failed'], ['4', 5, 'failed'],
      ['5', 3, 'failed'], ['6', 2, 'failed'], ['7', 0, 'pending'], ['8', 0, 'pending'],
    ]);
    expect(codes(results)).toEqual([
      '1:WRONG_OPTIMIZER', '2.1:WRONG_OPTIMIZER', '2.2:VERDICT_UNDECIDED', '3:WRONG_OPTIMIZER', '4:SIGMOID_WITH_LOGITS_LOSS',
      '5:SCHEDULE_MISMATCH', '6:SCHEDULE_MISMATCH', '8:MISSING_ANSWER',
    ]);
    const schedule = results.find((r) => r.item.number === '5')!.outcome;
    // decaySteps 10 (epochs) without staircase: 0.05 · 0.5^(199/10) at step 199.
    expect(schedule.findings[0]!.message).toBe("higgs.scheduled's learning rate at step 199 is 5.11061e-8, not 0.05 (4 of 5 steps differ)");
    expect(results.find((r) => r.item.number === '6')!.outcome.findings[0]!.message).toBe("cats.warmup's learning rate at step 0 is 0.001, not 0 (4 of 5 steps differ)");
  });

  it('a final profile asks for the other seeds, and fails the race once two of three agree', async () => {
    const { lab, facts } = await staticFacts('lab6-mistakes', 'ci', 'lab6');
    trainAll(facts, { 'higgs.momentum': slow });
    const race = lab.rubric.items.find((i) => i.number === '2.2')!;
    const first = rubricCheck(race.check)!.run(facts, race);
    expect(first).toMatchObject({ status: 'undecided', score: 15, moreSeeds: ['higgs.momentum', 'higgs.sgd'] });
    for (const key of ['higgs.momentum', 'higgs.sgd']) {
      facts.models[key]!.extraRuns = [2, 3].map((seed) => ({ seed, training: facts.models[key]!.training! }));
    }
    const decided = rubricCheck(race.check)!.run(facts, race);
    expect(decided).toMatchObject({ status: 'failed', score: 0 });
    expect(decided.findings.map((f) => f.code)).toEqual(['NOT_FASTER']);
    expect(decided.findings[0]!.message).toBe('higgs.momentum reached a validation BCE of 0.660 after — epochs, higgs.sgd after 5: it is not faster');
  });
});

describe('epochsToTarget', () => {
  it('counts epochs until the smoothed validation BCE is first at or below the target, or null', () => {
    // 0.69 − 0.009·i first reaches 0.66 at i = 4: after the 5th epoch.
    expect(epochsToTarget(fast.history, 0.66)).toBe(5);
    expect(epochsToTarget(slow.history, 0.66)).toBeNull();
    expect(epochsToTarget(run([], []).history, 0.66)).toBeNull();
  });
});
