import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classificationReport, type ClassificationReportOptions } from './classification-report.js';
import type { Label } from './labels.js';

interface GoldenCase {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  options: Omit<ClassificationReportOptions, 'outputDict'>;
  text: string;
  dict: Record<string, Record<string, number> | number>;
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../fixtures/golden/classification-report.json', import.meta.url), 'utf8'),
) as { generator: { sklearn: string }; cases: GoldenCase[] };

describe(`classificationReport against scikit-learn ${golden.generator.sklearn}`, () => {
  it('covers the cases the brief asks for', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('text: %s', (_name, c) => {
    expect(classificationReport(c.yTrue, c.yPred, c.options).report).toBe(c.text);
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('dict: %s', (_name, c) => {
    const { report } = classificationReport(c.yTrue, c.yPred, { ...c.options, outputDict: true });
    expect(Object.keys(report).sort()).toEqual(Object.keys(c.dict).sort());
    for (const [key, want] of Object.entries(c.dict)) {
      const got = report[key];
      if (typeof want === 'number') {
        expect(got).toBeCloseTo(want, 12);
        continue;
      }
      expect(typeof got).toBe('object');
      for (const [field, value] of Object.entries(want)) {
        expect((got as unknown as Record<string, number>)[field], `${key}.${field}`).toBeCloseTo(value, 12);
      }
    }
  });
});

describe('classificationReport details', () => {
  it('returns the zero-division warnings as data, once each, worded as sklearn', () => {
    const { warnings } = classificationReport([0, 1, 2, 2], [0, 1, 1, 0]);
    expect(warnings).toEqual([
      'Precision is ill-defined and being set to 0.0 in labels with no predicted samples. ' +
        'Use `zero_division` parameter to control this behavior.',
    ]);
    expect(classificationReport([0, 1, 2, 2], [0, 1, 1, 0], { zeroDivision: 0 }).warnings).toEqual([]);
  });

  it('prints accuracy when the labels cover every present class, even with an extra absent one', () => {
    // current scikit-learn tests set(labels) >= present classes; class 2 never occurs
    const { report } = classificationReport([0, 1, 1, 0], [0, 1, 0, 0], { labels: [0, 1, 2], outputDict: true });
    expect(report.accuracy).toBe(0.75);
    expect(report['micro avg']).toBeUndefined();
  });

  it('the lab bug: thresholding logits at 0.5 changes the report', () => {
    const yTrue = [1, 1, 1, 0, 0, 1];
    const logits = [2.1, 0.3, 0.45, -1.2, 0.2, -0.1];
    const right = logits.map((x) => (x > 0 ? 1 : 0));
    const wrong = logits.map((x) => (x > 0.5 ? 1 : 0));
    const r = classificationReport(yTrue, right, { outputDict: true }).report;
    const w = classificationReport(yTrue, wrong, { outputDict: true }).report;
    expect(r.accuracy).toBeCloseTo(4 / 6, 15);
    expect(w.accuracy).toBeCloseTo(3 / 6, 15);
  });

  it('rejects probabilities passed as labels, with a hint', () => {
    expect(() => classificationReport([0, 1], [0.2, 0.9])).toThrow(/not an integer/);
  });

  it('rejects target names that do not match the classes', () => {
    expect(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] })).toThrow(
      'Number of classes, 2, does not match size of target_names, 1. Try specifying the labels parameter',
    );
  });
});
