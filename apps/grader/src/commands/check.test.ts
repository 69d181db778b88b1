import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitcheck, readResults } from '../test-helpers/cli.js';

describe('fitcheck check (the notebook mistakes)', () => {
  it('prints every finding with its fix, exits 0 for a valid submission, and costs points', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fitcheck-check-'));
    const { code, stdout } = await fitcheck(['check', 'fixtures/submissions/mistakes', '--out', dir, '--lang', 'en']);
    expect(code).toBe(0);
    for (const expected of [
      '[SIGMOID_WITH_LOGITS_LOSS] item 6: cats.small ends in Dense(1, activation="sigmoid")',
      '[SIGMOID_WITH_LOGITS_LOSS] item 8: cats.large',
      '[THRESHOLD_ON_LOGITS] item 10: the report thresholds cats.regularized\'s raw logits at 0.5',
      '[TEST_SET_AS_VALIDATION] item 10',
      '[NOT_MORE_CAPACITY] item 1: higgs.giant has 73,473 parameters',
      '[NO_REGULARIZATION] item 9',
      '[MISSING_ITEM] item 7: cats.models.medium is still null',
      '[MISSING_ANSWER] item 3: answer tensorboard_analysis is missing',
    ]) expect(stdout).toContain(expected);
    expect(stdout).toContain('fix: end the model with { type: Dense, units: 1 } (no activation)');
    const results = await readResults(dir);
    const scores = Object.fromEntries(results.tests.map((t) => [t.number, t.score]));
    // ToDo 1 loses its capacity half; a check run never takes the overfitting half (it shows it or leaves it undecided).
    expect(scores).toMatchObject({ 1: 5, 5: 10, 6: 5, 7: 0, 8: 5, 9: 0, 10: 0 });
    expect(results.score).toBe(25);
    // The notebook's leak, as run: early stopping watched the 50 test images.
    expect(stdout).not.toContain('held out of the training set');
  });
});
