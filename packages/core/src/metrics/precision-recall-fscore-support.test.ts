import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Label } from './labels.js';
import {
  precisionRecallFscoreSupport,
  type PrecisionRecallFscoreOptions,
} from './precision-recall-fscore-support.js';

interface Result {
  options: PrecisionRecallFscoreOptions;
  precision: number | number[];
  recall: number | number[];
  fscore: number | number[];
  support: number[] | null;
}
interface GoldenCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  results: Result[];
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../fixtures/golden/metrics.json', import.meta.url), 'utf8'),
) as { generator: { sklearn: string }; prfs: GoldenCase[] };

const rows = golden.prfs.flatMap((c) =>
  c.results.map((r) => [`${c.name} ${JSON.stringify(r.options)}`, c, r] as const),
);

function close(got: number | number[], want: number | number[]): void {
  if (Array.isArray(want)) {
    expect(Array.isArray(got)).toBe(true);
    expect((got as number[]).length).toBe(want.length);
    want.forEach((w, i) => expect((got as number[])[i]).toBeCloseTo(w, 12));
  } else {
    expect(got).toBeCloseTo(want, 12);
  }
}

describe(`precisionRecallFscoreSupport against scikit-learn ${golden.generator.sklearn}`, () => {
  it.each(rows)('%s', (_name, c, r) => {
    const got = precisionRecallFscoreSupport(c.yTrue, c.yPred, r.options);
    close(got.precision, r.precision);
    close(got.recall, r.recall);
    close(got.fscore, r.fscore);
    expect(got.support).toEqual(r.support);
  });
});

describe('precisionRecallFscoreSupport warnings and errors', () => {
  const warn = (what: string, where: string, modifier: string): string =>
    `${what} ill-defined and being set to 0.0 ${where} no ${modifier} samples. ` +
    'Use `zero_division` parameter to control this behavior.';

  it('warns per metric when a 0/0 is set to 0, as current sklearn', () => {
    // class 2 is never predicted; class 3 neither occurs nor is predicted
    const r = precisionRecallFscoreSupport([0, 1, 2], [0, 1, 1], { labels: [0, 1, 2, 3] });
    expect(r.warnings).toEqual([
      warn('Precision is', 'in labels with', 'predicted'),
      warn('Recall is', 'in labels with', 'true'),
      warn('F-score is', 'in labels with', 'true nor predicted'),
    ]);
    expect(r.fscore).toEqual([1, 2 / 3, 0, 0]);
  });

  it("says 'due to' for a single score, and nothing when zeroDivision is set", () => {
    const r = precisionRecallFscoreSupport([1, 1, 0], [0, 0, 0], { average: 'binary' });
    expect(r.warnings).toEqual([warn('Precision is', 'due to', 'predicted')]);
    expect(precisionRecallFscoreSupport([1, 1, 0], [0, 0, 0], { average: 'binary', zeroDivision: 1 })).toEqual({
      precision: 1,
      recall: 0,
      fscore: 0,
      support: null,
      warnings: [],
    });
  });

  it('weighted average with no true samples of the chosen labels falls back to the plain mean', () => {
    const r = precisionRecallFscoreSupport([0, 0, 1], [0, 2, 1], { labels: [2], average: 'weighted', zeroDivision: 1 });
    expect([r.precision, r.recall, r.fscore]).toEqual([0, 1, 0]);
  });

  it("rejects average 'binary' on three classes and an absent posLabel", () => {
    expect(() => precisionRecallFscoreSupport([0, 1, 2], [0, 1, 2], { average: 'binary' })).toThrow(
      /Target is multiclass but average='binary'/,
    );
    expect(() => precisionRecallFscoreSupport(['a', 'b'], ['a', 'b'], { average: 'binary', posLabel: 'c' })).toThrow(
      "pos_label='c' is not a valid label. It should be one of ['a', 'b']",
    );
  });

  it('notes an ignored posLabel as a warning', () => {
    const r = precisionRecallFscoreSupport([0, 1], [0, 1], { average: 'macro', posLabel: 0 });
    expect(r.warnings).toEqual([
      "Note that pos_label (set to 0) is ignored when average != 'binary' (got 'macro'). " +
        'You may use labels=[pos_label] to specify a single positive class.',
    ]);
  });

  it('rejects mixed label types, unequal lengths and a negative beta', () => {
    expect(() => precisionRecallFscoreSupport([0, 'a'], [0, 0])).toThrow(/mix of label types/);
    expect(() => precisionRecallFscoreSupport([0, 1], [0])).toThrow(/2 labels but yPred has 1/);
    expect(() => precisionRecallFscoreSupport([0, 1], [0, 1], { beta: -1 })).toThrow(/beta should be >= 0/);
  });
});
