import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isFitcheckError } from '../errors.js';
import { smooth } from './smooth.js';

interface GoldenCase {
  name: string;
  std: number;
  values: number[];
  smoothed: number[];
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../fixtures/golden/smooth.json', import.meta.url), 'utf8'),
) as { generator: { numpy: string }; cases: GoldenCase[] };

describe(`smooth against the notebook's numpy code (numpy ${golden.generator.numpy})`, () => {
  it('has series shorter than the kernel among the cases', () => {
    expect(golden.cases.some((c) => c.values.length < 8 * c.std + 1)).toBe(true);
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = smooth(c.values, c.std);
    expect(got).toHaveLength(c.smoothed.length);
    got.forEach((v, i) => expect(Math.abs(v - (c.smoothed[i] as number)), `index ${i}`).toBeLessThanOrEqual(1e-12));
  });

  it('leaves a constant series unchanged (the ones-vector normalisation)', () => {
    expect(smooth(new Array<number>(30).fill(0.7), 10).every((v) => Math.abs(v - 0.7) < 1e-15)).toBe(true);
  });

  it('returns [] for an empty series', () => {
    expect(smooth([], 10)).toEqual([]);
  });

  it('rejects a std whose kernel has a fractional number of samples, as numpy does', () => {
    try {
      smooth(new Array<number>(100).fill(1), 2.3);
      expect.unreachable('should throw');
    } catch (e) {
      expect(isFitcheckError(e) && e.code).toBe('BAD_SMOOTHING');
    }
    expect(() => smooth([1, 2], -1)).toThrow(/std must be a finite number >= 0/);
  });
});
